//! Livingdocs' events: one flat object per delivery, named by `event`.

use std::ops::Deref;

use serde::Deserialize;
use serde::de::{self, MapAccess};
use serde_json::{Map, Value};
use time::OffsetDateTime;

use crate::WebhookEvent;
use crate::event::{self, Assemble, Common, event_enum};
use crate::providers::UnknownEvent;

event_enum! {
    /// A Livingdocs event, by its `event` field.
    ///
    /// Each known variant is a [`Delivery`]: the fields every delivery carries
    /// (`deliveryId`, `projectId`, `projectHandle`, `webhookHandle`) plus the event's
    /// own, reachable directly through `Deref` (`d.document_id`).
    ///
    /// # Examples
    ///
    /// ```
    /// use hookverify::providers::livingdocs::Event;
    ///
    /// let body = include_bytes!("../../../tests/data/payloads/livingdocs/document.publish.json");
    /// match serde_json::from_slice::<Event>(body)? {
    ///     Event::DocumentPublish(d) => {
    ///         assert_eq!(d.document_id, 179);
    ///         assert_eq!(d.delivery_id, "qy8qoxQPVCES1VDneg4FE");
    ///     }
    ///     other => panic!("{other:?}"),
    /// }
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub enum Event {
        tag: "event",
        common: Header,
        /// `document.publish`: a document was published.
        "document.publish" => DocumentPublish(Delivery<Publication>) from Publication,
        /// `document.unpublish`: a document was unpublished.
        "document.unpublish" => DocumentUnpublish(Delivery<Publication>) from Publication,
        /// `document.update`: a document's metadata changed.
        "document.update" => DocumentUpdate(Delivery<DocumentUpdate>) from DocumentUpdate,
        /// `document.build`: a document was built for a delivery channel.
        "document.build" => DocumentBuild(Delivery<DocumentBuild>) from DocumentBuild,
        /// `mediaLibraryEntry.create`: a media library entry was created.
        "mediaLibraryEntry.create" => MediaLibraryEntryCreate(Delivery<MediaLibraryEntry>) from MediaLibraryEntry,
        /// `mediaLibraryEntry.archive`: a media library entry was archived.
        "mediaLibraryEntry.archive" => MediaLibraryEntryArchive(Delivery<MediaLibraryEntry>) from MediaLibraryEntry,
        /// `mediaLibraryEntry.update`: a media library entry was updated.
        "mediaLibraryEntry.update" => MediaLibraryEntryUpdate(Delivery<MediaLibraryEntry>) from MediaLibraryEntry,
        /// `mediaLibraryEntry.revoke`: a media library entry's rights were revoked.
        "mediaLibraryEntry.revoke" => MediaLibraryEntryRevoke(Delivery<MediaLibraryEntry>) from MediaLibraryEntry,
    }
}

/// The fields of a delivery, borrowed.
struct HeaderRef<'a> {
    delivery_id: &'a str,
    project_id: i64,
}

impl Event {
    fn header(&self) -> Result<HeaderRef<'_>, &UnknownEvent> {
        fn h<D>(d: &Delivery<D>) -> Result<HeaderRef<'_>, &UnknownEvent> {
            Ok(HeaderRef {
                delivery_id: &d.delivery_id,
                project_id: d.project_id,
            })
        }
        match self {
            Event::DocumentPublish(d) | Event::DocumentUnpublish(d) => h(d),
            Event::DocumentUpdate(d) => h(d),
            Event::DocumentBuild(d) => h(d),
            Event::MediaLibraryEntryCreate(d)
            | Event::MediaLibraryEntryArchive(d)
            | Event::MediaLibraryEntryUpdate(d)
            | Event::MediaLibraryEntryRevoke(d) => h(d),
            Event::Unknown(u) => Err(u),
        }
    }

    /// The `deliveryId`, unique for every call: deduplicate on it.
    #[must_use]
    pub fn delivery_id(&self) -> Option<&str> {
        match self.header() {
            Ok(h) => Some(h.delivery_id),
            Err(u) => u.str_field("deliveryId"),
        }
    }

    /// The `projectId`.
    #[must_use]
    pub fn project_id(&self) -> Option<i64> {
        match self.header() {
            Ok(h) => Some(h.project_id),
            Err(u) => u.raw.get("projectId").and_then(Value::as_i64),
        }
    }
}

impl WebhookEvent for Event {
    fn type_name(&self) -> &str {
        Event::type_name(self)
    }
    fn delivery_id(&self) -> Option<&str> {
        Event::delivery_id(self)
    }
    fn is_test(&self) -> bool {
        false
    }
}

/// One webhook delivery: the fields every Livingdocs event carries, and the event's own
/// fields in `event` (also reachable directly, through `Deref`).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Delivery<E> {
    /// `deliveryId`: unique for every call.
    pub delivery_id: String,
    /// `projectId`.
    pub project_id: i64,
    /// `projectHandle`, e.g. `service`.
    pub project_handle: String,
    /// `webhookHandle`: the handle of the webhook configuration that fired.
    pub webhook_handle: String,
    /// The event's own fields.
    pub event: E,
}

impl<E> Deref for Delivery<E> {
    type Target = E;
    fn deref(&self) -> &E {
        &self.event
    }
}

#[derive(Default)]
pub(crate) struct Header {
    delivery_id: Option<String>,
    project_id: Option<i64>,
    project_handle: Option<String>,
    webhook_handle: Option<String>,
}

impl Common for Header {
    fn accept<'de, M: MapAccess<'de>>(&mut self, key: &str, map: &mut M) -> Result<bool, M::Error> {
        match key {
            "deliveryId" => event::take(&mut self.delivery_id, "deliveryId", map),
            "projectId" => event::take(&mut self.project_id, "projectId", map),
            "projectHandle" => event::take(&mut self.project_handle, "projectHandle", map),
            "webhookHandle" => event::take(&mut self.webhook_handle, "webhookHandle", map),
            _ => Ok(false),
        }
    }
    fn write_raw(&self, raw: &mut Map<String, Value>) {
        event::write(raw, "deliveryId", &self.delivery_id);
        event::write(raw, "projectId", &self.project_id);
        event::write(raw, "projectHandle", &self.project_handle);
        event::write(raw, "webhookHandle", &self.webhook_handle);
    }
}

impl<E> Assemble<E, Header> for Delivery<E> {
    fn assemble<Er: de::Error>(event: E, h: Header) -> Result<Self, Er> {
        Ok(Delivery {
            delivery_id: event::required(h.delivery_id, "deliveryId")?,
            project_id: event::required(h.project_id, "projectId")?,
            project_handle: event::required(h.project_handle, "projectHandle")?,
            webhook_handle: event::required(h.webhook_handle, "webhookHandle")?,
            event,
        })
    }
}

/// `document.publish` and `document.unpublish`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Publication {
    /// The document.
    pub document_id: i64,
    /// The publication event.
    pub publication_event: PublicationEvent,
}

/// What was published or unpublished, where.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct PublicationEvent {
    /// When it happened.
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    /// `publish` or `unpublish`.
    pub event_type: String,
    /// The content type, e.g. `regular`.
    #[serde(default)]
    pub content_type: Option<String>,
    /// The document type, e.g. `article`.
    #[serde(default)]
    pub document_type: Option<String>,
    /// The publication.
    pub publication_id: i64,
    /// The project.
    pub project_id: i64,
    /// The channel.
    #[serde(default)]
    pub channel_id: Option<i64>,
    /// The document.
    pub document_id: i64,
}

/// `document.update`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct DocumentUpdate {
    /// The document.
    pub document_id: i64,
    /// The metadata properties that changed, e.g. `title`.
    #[serde(default)]
    pub metadata_property_changes: Vec<String>,
}

/// `document.build`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct DocumentBuild {
    /// The document.
    pub document_id: i64,
    /// The publication that was built.
    pub publication_id: i64,
    /// The delivery it was built for, e.g. `web`.
    pub delivery_handle: String,
    /// The build report.
    #[serde(default)]
    pub report_id: Option<String>,
}

/// `mediaLibraryEntry.*`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct MediaLibraryEntry {
    /// The media library entry, e.g. `PNIi08x4UdEA`.
    pub media_id: String,
}
