//! InMemory4's events: flat objects named by `event`.

use serde::Deserialize;

use crate::WebhookEvent;
use crate::event::event_enum;

event_enum! {
    /// An InMemory4 event, by its `event` field.
    ///
    /// InMemory4's documentation writes the type name `"Number"` where a number goes; the
    /// ids here are integers.
    ///
    /// # Examples
    ///
    /// ```
    /// use hookverify::WebhookEvent;
    /// use hookverify::providers::inmemory4::Event;
    ///
    /// let event: Event = serde_json::from_str(r#"{"event":"test","message":"Hello!"}"#)?;
    /// assert!(event.is_test());
    /// let event: Event = serde_json::from_str(r#"{"event":"order.created","project_id":7,"order_id":42}"#)?;
    /// match event {
    ///     Event::OrderCreated(o) => assert_eq!((o.project_id, o.order_id), (7, 42)),
    ///     other => panic!("{other:?}"),
    /// }
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub enum Event {
        tag: "event",
        common: (),
        /// `order.created`: a new order was created.
        "order.created" => OrderCreated(Order) from Order,
        /// `order.changed`: an order changed.
        "order.changed" => OrderChanged(Order) from Order,
        /// `proofreading.sent`: a new proofreading was created and sent.
        "proofreading.sent" => ProofreadingSent(Proofreading) from Proofreading,
        /// `proofreading.updated`: a proofreading got a new comment.
        "proofreading.updated" => ProofreadingUpdated(Proofreading) from Proofreading,
        /// `test`: sent when the test endpoint is triggered.
        "test" => Test(Test) from Test,
    }
}

impl WebhookEvent for Event {
    fn type_name(&self) -> &str {
        Event::type_name(self)
    }
    /// InMemory4 sends no delivery id.
    fn delivery_id(&self) -> Option<&str> {
        None
    }
    fn is_test(&self) -> bool {
        matches!(self, Event::Test(_))
    }
}

/// `order.created` and `order.changed`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct Order {
    /// The project.
    pub project_id: i64,
    /// The order.
    pub order_id: i64,
}

/// `proofreading.sent` and `proofreading.updated`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct Proofreading {
    /// The project.
    pub project_id: i64,
    /// The proofreading batch.
    pub proofreading_batch_id: i64,
}

/// `test`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct Test {
    /// The test message, e.g. `Hello!`.
    #[serde(default)]
    pub message: Option<String>,
}
