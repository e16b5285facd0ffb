//! Memo Bank's thin events.

use std::fmt;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::{Map, Value};

use crate::WebhookEvent;

/// A Memo Bank event: it names a resource; fetch the resource from the Memo Bank API
/// for details.
///
/// Memo Bank documents only `resource_type` and `resource_id` and gives no sample; every
/// other field the sender adds is kept in [`Event::other`].
///
/// # Examples
///
/// ```
/// use hookverify::providers::memo_bank::Event;
///
/// let event: Event = serde_json::from_str(
///     r#"{"resource_type":"transaction","resource_id":"tx_1","created_at":"2024-05-02T09:14:03Z"}"#,
/// )?;
/// assert_eq!(event.resource_type, "transaction");
/// assert_eq!(event.resource_id.to_string(), "tx_1");
/// assert_eq!(event.other["created_at"], "2024-05-02T09:14:03Z");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct Event {
    /// The kind of resource, e.g. `transaction`.
    pub resource_type: String,
    /// The resource's id, as sent.
    pub resource_id: Id,
    /// Every other field of the event.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

impl WebhookEvent for Event {
    /// The `resource_type`: Memo Bank's events name no event type of their own.
    fn type_name(&self) -> &str {
        &self.resource_type
    }
    /// The event's `id` field, when the sender adds one (Memo Bank does not document
    /// one).
    fn delivery_id(&self) -> Option<&str> {
        self.other.get("id").and_then(Value::as_str)
    }
    fn is_test(&self) -> bool {
        false
    }
}

/// An id as the provider sent it: a string or an integer.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Id {
    /// Sent as a JSON string.
    String(String),
    /// Sent as a JSON integer.
    Integer(i64),
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Id::String(s) => f.write_str(s),
            Id::Integer(i) => write!(f, "{i}"),
        }
    }
}

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct IdVisitor;
        impl Visitor<'_> for IdVisitor {
            type Value = Id;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string or an integer id")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Id, E> {
                Ok(Id::String(v.to_owned()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Id, E> {
                Ok(Id::String(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Id, E> {
                Ok(Id::Integer(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Id, E> {
                i64::try_from(v)
                    .map(Id::Integer)
                    .map_err(|_| E::invalid_value(de::Unexpected::Unsigned(v), &self))
            }
        }
        d.deserialize_any(IdVisitor)
    }
}
