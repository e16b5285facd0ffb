//! Memento's events: `{"type", "data", "is_test_event", "request_id"}`.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde::de::{self, MapAccess};
use serde_json::{Map, Value};
use time::OffsetDateTime;

use crate::WebhookEvent;
use crate::event::{self, Assemble, Common, event_enum};
use crate::providers::UnknownEvent;

event_enum! {
    /// A Memento Yearbook event, by its `type`.
    ///
    /// Both known events carry a [`Proof`]; [`Event::request_id`] and
    /// [`Event::is_test_event`] reach the envelope without a `match`.
    ///
    /// # Examples
    ///
    /// ```
    /// use hookverify::providers::memento::Event;
    ///
    /// let body = include_bytes!("../../../tests/data/payloads/memento/proof.submitted.json");
    /// match serde_json::from_slice::<Event>(body)? {
    ///     Event::ProofSubmitted(e) if e.is_test_event => { /* no side effects */ }
    ///     Event::ProofSubmitted(e) => println!("download {:?}", e.data.final_pdf_url),
    ///     Event::ProofCancelled(e) => println!("void proof {}", e.data.proof_id),
    ///     _ => {}
    /// }
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub enum Event {
        tag: "type",
        common: Header,
        /// `proof.submitted`: a book or cover is ready to print (one event each); may be
        /// sent again after a cancellation.
        "proof.submitted" => ProofSubmitted(Envelope) from Data,
        /// `proof.cancelled`: a proof that was ready to print was cancelled by the
        /// publisher.
        "proof.cancelled" => ProofCancelled(Envelope) from Data,
    }
}

impl Event {
    fn envelope(&self) -> Result<&Envelope, &UnknownEvent> {
        match self {
            Event::ProofSubmitted(e) | Event::ProofCancelled(e) => Ok(e),
            Event::Unknown(u) => Err(u),
        }
    }

    /// The `request_id`: unique per event and kept across retries, so deduplicate on it.
    #[must_use]
    pub fn request_id(&self) -> Option<&str> {
        match self.envelope() {
            Ok(e) => Some(&e.request_id),
            Err(u) => u.str_field("request_id"),
        }
    }

    /// `is_test_event`: sent from the dashboard's webhook testing tool.
    #[must_use]
    pub fn is_test_event(&self) -> bool {
        match self.envelope() {
            Ok(e) => e.is_test_event,
            Err(u) => u.raw.get("is_test_event").and_then(Value::as_bool) == Some(true),
        }
    }

    /// The proof, for the known event types.
    #[must_use]
    pub fn proof(&self) -> Option<&Proof> {
        self.envelope().ok().map(|e| &e.data)
    }
}

impl WebhookEvent for Event {
    fn type_name(&self) -> &str {
        Event::type_name(self)
    }
    fn delivery_id(&self) -> Option<&str> {
        self.request_id()
    }
    fn is_test(&self) -> bool {
        self.is_test_event()
    }
}

/// The envelope of a Memento event.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Envelope {
    /// The proof the event is about.
    pub data: Proof,
    /// `true` for events sent from the webhook testing tool.
    pub is_test_event: bool,
    /// Unique per event; the same on every retry.
    pub request_id: String,
}

#[derive(Default)]
pub(crate) struct Header {
    is_test_event: Option<bool>,
    request_id: Option<String>,
}

impl Common for Header {
    fn accept<'de, M: MapAccess<'de>>(&mut self, key: &str, map: &mut M) -> Result<bool, M::Error> {
        match key {
            "is_test_event" => event::take(&mut self.is_test_event, "is_test_event", map),
            "request_id" => event::take(&mut self.request_id, "request_id", map),
            _ => Ok(false),
        }
    }
    fn write_raw(&self, raw: &mut Map<String, Value>) {
        event::write(raw, "is_test_event", &self.is_test_event);
        event::write(raw, "request_id", &self.request_id);
    }
}

#[derive(Deserialize)]
pub(crate) struct Data {
    data: Proof,
}

impl Assemble<Data, Header> for Envelope {
    fn assemble<E: de::Error>(body: Data, h: Header) -> Result<Self, E> {
        Ok(Envelope {
            data: body.data,
            // Absent means a live event: only test events carry `true`.
            is_test_event: h.is_test_event.unwrap_or(false),
            request_id: event::required(h.request_id, "request_id")?,
        })
    }
}

/// A submitted (or cancelled) proof of a yearbook's book or cover.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct Proof {
    /// The proof's unique id.
    pub proof_id: String,
    /// The yearbook's unique id.
    pub book_id: String,
    /// The yearbook's name.
    #[serde(default)]
    pub book_name: Option<String>,
    /// The id of the book type.
    #[serde(default)]
    pub book_type_id: Option<String>,
    /// The name of the book type, e.g. `8.5 x 11 Softcover`.
    #[serde(default)]
    pub book_type_name: Option<String>,
    /// The book's form factor: size, output settings, page types.
    #[serde(default)]
    pub book_form_factor: Option<FormFactor>,
    /// The book's due date.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub book_due_date: Option<OffsetDateTime>,
    /// The cover's due date.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub cover_due_date: Option<OffsetDateTime>,
    /// The editor-in-chief's e-mail address.
    #[serde(default)]
    pub book_editor_in_chief_email: Option<String>,
    /// When the proof was created.
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    /// Who created it.
    #[serde(default)]
    pub created_by_display_name: Option<String>,
    /// The id of the user who created it.
    #[serde(default)]
    pub created_by_user_id: Option<i64>,
    /// The `.zip` of the book or cover; download it before it expires.
    #[serde(default)]
    pub final_pdf_url: Option<String>,
    /// When `final_pdf_url` expires (3 months after submission).
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub final_pdf_url_expires_at: Option<OffsetDateTime>,
    /// The flattened `.zip`.
    #[serde(default)]
    pub final_flattened_pdf_url: Option<String>,
    /// When `final_flattened_pdf_url` expires.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub final_flattened_pdf_url_expires_at: Option<OffsetDateTime>,
    /// The watermarked PDF.
    #[serde(default)]
    pub watermarked_pdf_url: Option<String>,
    /// When the proof was cancelled (`null` unless cancelled).
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub proof_cancelled_at: Option<OffsetDateTime>,
    /// The id of the user who cancelled it.
    #[serde(default)]
    pub proof_cancelled_by_user_id: Option<i64>,
    /// Why it was cancelled.
    #[serde(default)]
    pub proof_cancelled_comment: Option<String>,
    /// When the publisher approved it.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub publisher_approved_at: Option<OffsetDateTime>,
    /// The school's id.
    pub school_id: i64,
    /// The school's name.
    #[serde(default)]
    pub school_name: Option<String>,
    /// `APPROVED` or `REJECTED`.
    pub status: String,
    /// What the proof is of: `book` or `cover`.
    #[serde(rename = "type")]
    pub kind: String,
    /// How many times the book or cover has been submitted.
    pub version: i64,
}

/// A book's form factor.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct FormFactor {
    /// Its name, e.g. `8.5 x 11 Softcover`.
    pub name: String,
    /// The stock keeping unit, e.g. `BOOK_YB_001`.
    pub sku: String,
    /// The form factor's kind, e.g. `book`.
    #[serde(rename = "type", default)]
    pub kind: Option<String>,
    /// Its version.
    #[serde(default)]
    pub version: Option<i64>,
    /// The largest default page count.
    #[serde(default)]
    pub max_default_pages: Option<u32>,
    /// The smallest default page count.
    #[serde(default)]
    pub min_default_pages: Option<u32>,
    /// The side the first page starts on, e.g. `right`.
    #[serde(default)]
    pub page_starting: Option<String>,
    /// The page count must be a multiple of this (0: no constraint).
    #[serde(default)]
    pub total_pages_multiple_of: Option<u32>,
    /// How the print files are produced.
    #[serde(default)]
    pub output_settings: Option<OutputSettings>,
    /// The geometry of each page type, by name (`cover`, `single`, …).
    #[serde(default)]
    pub page_types: BTreeMap<String, PageType>,
}

/// How print files are produced.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct OutputSettings {
    /// Target resolution.
    #[serde(default)]
    pub dpi: Option<u32>,
    /// Below this resolution an image is an error.
    #[serde(default)]
    pub dpi_error: Option<u32>,
    /// Below this resolution an image is a warning.
    #[serde(default)]
    pub dpi_warning: Option<u32>,
    /// The output type, e.g. `pdf`.
    #[serde(default)]
    pub output_type: Option<String>,
    /// How book and cover are packaged, e.g. `oneFileForBookAndCover`.
    #[serde(default)]
    pub pdf_output: Option<String>,
    /// How the cover is split, e.g. `none`.
    #[serde(default)]
    pub split_cover: Option<String>,
}

/// The geometry of one page type.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct PageType {
    /// The page type's name, e.g. `cover` or `single`.
    pub page_type: String,
    /// Page width, in `unit`.
    pub page_width: f64,
    /// Page height, in `unit`.
    pub page_height: f64,
    /// The unit of every length, e.g. `inch`.
    pub unit: String,
    /// Bleed on each edge.
    #[serde(default)]
    pub bleed: Option<Edges>,
    /// Margins on each edge.
    #[serde(default)]
    pub margins: Option<Edges>,
    /// Safe zone on each edge.
    #[serde(default)]
    pub safe_zone: Option<Edges>,
    /// Cover geometry, for the cover page type.
    #[serde(default)]
    pub cover: Option<CoverGeometry>,
}

/// A length on each edge of a page.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct Edges {
    /// Top edge.
    pub top: f64,
    /// Right edge.
    pub right: f64,
    /// Bottom edge.
    pub bottom: f64,
    /// Left edge.
    pub left: f64,
}

/// A cover's geometry.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CoverGeometry {
    /// Spine width.
    #[serde(default)]
    pub spine: f64,
    /// Front flap width.
    #[serde(default)]
    pub front_flap: f64,
    /// Back flap width.
    #[serde(default)]
    pub back_flap: f64,
    /// `vertical` or `horizontal`.
    #[serde(default)]
    pub orientation: Option<String>,
}
