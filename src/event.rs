//! Typed events: the trait every provider's event implements, the catch-all for event
//! types this crate does not know yet, and the one-pass machinery that turns a tagged
//! JSON object into a provider's enum.
//!
//! # How an event is parsed
//!
//! A provider's event is a JSON object whose *tag* field (`type` or `event`) names the
//! event type. Serde's own internally tagged enums buffer the whole object before they
//! look at the tag; here the object is read once, front to back:
//!
//! - the provider's *common* fields (ids, test flags, timestamps) are taken as they come;
//! - once the tag is read, the rest of the object streams straight into the variant's
//!   type, with no buffering;
//! - only fields that come *before* the tag and are not common are buffered (as raw JSON
//!   text when the input is JSON text, as a `serde_json::Value` otherwise), then replayed.
//!
//! An unknown tag yields the provider's `Unknown` variant with the whole object as a
//! `serde_json::Value`; it is never an error. A repeated tag or common field is an error
//! (`duplicate field`), so two parsers can never disagree about which event this is.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::value::RawValue;
use serde_json::{Map, Value};

/// What every provider's event can tell without a `match`.
///
/// # Examples
///
/// ```
/// use hookverify::WebhookEvent;
/// use hookverify::providers::pocketbook;
///
/// let body = br#"{"id":"evt_9","type":"voucher.refunded","created":1640995200,"data":{}}"#;
/// let event: pocketbook::Event = serde_json::from_slice(body)?;
/// assert_eq!(event.type_name(), "voucher.refunded"); // not known yet: `Unknown`
/// assert_eq!(event.delivery_id(), Some("evt_9"));
/// assert!(!event.is_test());
/// # Ok::<(), serde_json::Error>(())
/// ```
pub trait WebhookEvent {
    /// The event type as the provider names it, e.g. `certificate.created`.
    fn type_name(&self) -> &str;

    /// The id to deduplicate deliveries on, stable across the provider's retries, where
    /// the provider sends one.
    fn delivery_id(&self) -> Option<&str>;

    /// Whether the provider marks this as a test event (whose side effects a receiver
    /// should skip).
    fn is_test(&self) -> bool;
}

/// An event of a type this crate does not know (yet): its type name and the whole JSON
/// object as received.
///
/// Providers add event types; a receiver built against this crate keeps working and can
/// log, ignore or handle them from `raw`.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct UnknownEvent {
    /// The event type, as the provider named it.
    pub type_name: String,
    /// The whole event object.
    pub raw: Value,
}

impl UnknownEvent {
    /// A top-level string field of the raw object.
    #[must_use]
    pub fn str_field(&self, name: &str) -> Option<&str> {
        self.raw.get(name).and_then(Value::as_str)
    }
}

/// The fields a provider sends with every event, taken out of the stream wherever they
/// appear.
pub(crate) trait Common: Default {
    /// If `key` is a common field, reads its value from `map` and returns `true`.
    fn accept<'de, M: MapAccess<'de>>(&mut self, key: &str, map: &mut M) -> Result<bool, M::Error>;

    /// Adds the common fields that were present to `raw`, for an unknown event.
    fn write_raw(&self, raw: &mut Map<String, Value>);
}

/// A provider's event family: its tag field and how a tag picks a variant.
pub(crate) trait Family: Sized {
    /// The tag field's name.
    const TAG: &'static str;
    /// The fields sent with every event.
    type Common: Common;

    /// Builds the variant `tag` names from the rest of the object, usually with
    /// [`Rest::body`], and the `Unknown` variant with [`Rest::unknown`] for a tag it does
    /// not know.
    fn variant<'de, M: MapAccess<'de>>(
        tag: &str,
        rest: Rest<'_, 'de, M, Self::Common>,
    ) -> Result<Self, M::Error>;
}

/// Deserializes a provider's event family `F` in one pass; see the module docs.
pub(crate) fn deserialize<'de, F: Family, D: Deserializer<'de>>(d: D) -> Result<F, D::Error> {
    d.deserialize_map(FamilyVisitor::<F>(PhantomData))
}

struct FamilyVisitor<F>(PhantomData<F>);

impl<'de, F: Family> Visitor<'de> for FamilyVisitor<F> {
    type Value = F;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a webhook event object with a `{}` field", F::TAG)
    }

    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<F, M::Error> {
        let mut common = F::Common::default();
        // In the order they came; `Rest` replays them from the end.
        let mut buffered: Vec<(String, Buffered<'de>)> = Vec::new();
        while let Some(key) = map.next_key::<Key<'de>>()? {
            let key = key.as_str();
            if key == F::TAG {
                let tag: Key<'de> = map.next_value()?;
                return finish::<F, M>(tag, map, common, buffered);
            }
            if common.accept(key, &mut map)? {
                continue;
            }
            // Only fields that precede the tag get here; in the providers' documented
            // orders that is at most the payload.
            let value = if is_json_text::<M>() {
                Buffered::Raw(map.next_value()?)
            } else {
                Buffered::Value(map.next_value()?)
            };
            buffered.push((key.to_owned(), value));
        }
        Err(de::Error::missing_field(F::TAG))
    }
}

fn finish<'de, F: Family, M: MapAccess<'de>>(
    tag: Key<'de>,
    mut map: M,
    common: F::Common,
    mut buffered: Vec<(String, Buffered<'de>)>,
) -> Result<F, M::Error> {
    buffered.reverse();
    let rest = Rest {
        buffered,
        pending: None,
        map: &mut map,
        common,
        tag: F::TAG,
    };
    F::variant(tag.as_str(), rest)
}

/// Whether `M` reads JSON text from memory (serde_json's deserializer over a slice or a
/// string), where a buffered value can be borrowed as raw JSON text instead of being
/// built into a `Value` tree. Anything else (a reader, a `Value`, another format) takes
/// the `Value` path, which is slower but works with every deserializer.
fn is_json_text<M>() -> bool {
    let name = std::any::type_name::<M>();
    name.starts_with("serde_json::de::") && (name.contains("SliceRead") || name.contains("StrRead"))
}

/// A map key, borrowed from the input where it can be.
enum Key<'de> {
    Borrowed(&'de str),
    Owned(String),
}

impl Key<'_> {
    fn as_str(&self) -> &str {
        match self {
            Key::Borrowed(s) => s,
            Key::Owned(s) => s,
        }
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a field name")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key::Borrowed(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key::Owned(v.to_owned()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key::Owned(v))
            }
        }
        d.deserialize_str(KeyVisitor)
    }
}

enum Buffered<'de> {
    /// Raw JSON text borrowed from the input.
    Raw(&'de RawValue),
    Value(Value),
}

/// The rest of the object after the tag, as a `MapAccess` for the variant's type:
/// first the buffered fields, then the live stream, with common fields taken out.
pub(crate) struct Rest<'a, 'de, M, C> {
    /// The fields that came before the tag, last first (taken with `pop`; usually none).
    buffered: Vec<(String, Buffered<'de>)>,
    pending: Option<Buffered<'de>>,
    map: &'a mut M,
    common: C,
    tag: &'static str,
}

impl<'de, M: MapAccess<'de>, C: Common> Rest<'_, 'de, M, C> {
    /// Deserializes the rest of the object into `T`, then hands back the common fields
    /// (complete only now: they may come after the tag).
    pub(crate) fn body<T: Deserialize<'de>>(mut self) -> Result<(T, C), M::Error> {
        let body = T::deserialize(de::value::MapAccessDeserializer::new(&mut self))?;
        Ok((body, self.common))
    }

    /// The `Unknown` variant's event for an unknown `tag`: the whole object, common
    /// fields and tag included.
    pub(crate) fn unknown(self, tag: &str) -> Result<UnknownEvent, M::Error> {
        let field = self.tag;
        let (mut raw, common) = self.body::<Map<String, Value>>()?;
        common.write_raw(&mut raw);
        raw.insert(field.to_owned(), Value::String(tag.to_owned()));
        Ok(UnknownEvent {
            type_name: tag.to_owned(),
            raw: Value::Object(raw),
        })
    }
}

impl<'de, M: MapAccess<'de>, C: Common> MapAccess<'de> for Rest<'_, 'de, M, C> {
    type Error = M::Error;

    #[inline(always)]
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, M::Error> {
        if let Some((key, value)) = self.buffered.pop() {
            self.pending = Some(value);
            return seed.deserialize(key.into_deserializer()).map(Some);
        }
        while let Some(key) = self.map.next_key::<Key<'de>>()? {
            if key.as_str() == self.tag {
                return Err(de::Error::duplicate_field(self.tag));
            }
            if self.common.accept(key.as_str(), self.map)? {
                continue;
            }
            return match key {
                Key::Borrowed(k) => seed.deserialize(de::value::BorrowedStrDeserializer::new(k)),
                Key::Owned(k) => seed.deserialize(k.into_deserializer()),
            }
            .map(Some);
        }
        Ok(None)
    }

    #[inline(always)]
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, M::Error> {
        match self.pending.take() {
            None => self.map.next_value_seed(seed),
            Some(Buffered::Value(v)) => seed.deserialize(v).map_err(de::Error::custom),
            Some(Buffered::Raw(raw)) => seed.deserialize(raw).map_err(de::Error::custom),
        }
    }
}

/// Builds a variant's value from its body and the family's common fields.
pub(crate) trait Assemble<B, C>: Sized {
    /// Fails (with `missing_field`) when a required common field is absent.
    fn assemble<E: de::Error>(body: B, common: C) -> Result<Self, E>;
}

/// A family without common fields.
impl Common for () {
    fn accept<'de, M: MapAccess<'de>>(&mut self, _: &str, _: &mut M) -> Result<bool, M::Error> {
        Ok(false)
    }
    fn write_raw(&self, _: &mut Map<String, Value>) {}
}

/// Identity assembly, for families without common fields.
impl<B> Assemble<B, ()> for B {
    fn assemble<E: de::Error>(body: B, (): ()) -> Result<Self, E> {
        Ok(body)
    }
}

/// Reads the value of a common field into `slot`; a second occurrence is an error.
pub(crate) fn take<'de, M: MapAccess<'de>, T: Deserialize<'de>>(
    slot: &mut Option<T>,
    name: &'static str,
    map: &mut M,
) -> Result<bool, M::Error> {
    if slot.is_some() {
        return Err(de::Error::duplicate_field(name));
    }
    *slot = Some(map.next_value()?);
    Ok(true)
}

/// Unwraps a required common field.
pub(crate) fn required<T, E: de::Error>(slot: Option<T>, name: &'static str) -> Result<T, E> {
    slot.ok_or_else(|| de::Error::missing_field(name))
}

/// Inserts a present common field into an unknown event's raw object.
pub(crate) fn write<T: serde::Serialize>(raw: &mut Map<String, Value>, name: &str, v: &Option<T>) {
    if let Some(Ok(v)) = v.as_ref().map(serde_json::to_value) {
        raw.insert(name.to_owned(), v);
    }
}

/// Converts unix seconds to a date-time, as a deserialization error when out of range.
pub(crate) fn unix<E: de::Error>(secs: i64) -> Result<time::OffsetDateTime, E> {
    time::OffsetDateTime::from_unix_timestamp(secs)
        .map_err(|_| de::Error::custom(format_args!("timestamp {secs} is out of range")))
}

/// Defines a provider's event enum: one variant per event type, plus `Unknown`; the
/// `Deserialize` impl goes through [`deserialize`].
macro_rules! event_enum {
    (
        $(#[$meta:meta])*
        pub enum $Event:ident {
            tag: $tag_field:literal,
            common: $Common:ty,
            $( $(#[$vmeta:meta])* $tag:literal => $Variant:ident($Wrapped:ty) from $Body:ty, )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum $Event {
            $( $(#[$vmeta])* $Variant($Wrapped), )*
            /// An event type this crate does not know yet: its name and the whole object.
            Unknown($crate::providers::UnknownEvent),
        }

        impl $Event {
            /// Every event type this enum has a variant for, as the provider names it.
            pub const TYPES: &'static [&'static str] = &[$($tag),*];

            /// The event type as the provider names it.
            #[must_use]
            pub fn type_name(&self) -> &str {
                match self {
                    $( Self::$Variant(_) => $tag, )*
                    Self::Unknown(u) => &u.type_name,
                }
            }
        }

        impl $crate::event::Family for $Event {
            const TAG: &'static str = $tag_field;
            type Common = $Common;

            fn variant<'de, M: ::serde::de::MapAccess<'de>>(
                tag: &str,
                rest: $crate::event::Rest<'_, 'de, M, $Common>,
            ) -> Result<Self, M::Error> {
                use $crate::event::Assemble as _;
                match tag {
                    $( $tag => {
                        let (body, common) = rest.body::<$Body>()?;
                        Ok(Self::$Variant(<$Wrapped>::assemble(body, common)?))
                    } )*
                    other => rest.unknown(other).map(Self::Unknown),
                }
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $Event {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                $crate::event::deserialize(d)
            }
        }
    };
}
pub(crate) use event_enum;
