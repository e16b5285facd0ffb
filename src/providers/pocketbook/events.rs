//! Pocketbook's events: `{"id", "type", "created", "data"}`.

use serde::Deserialize;
use serde::de::{self, MapAccess};
use serde_json::{Map, Value};
use time::OffsetDateTime;

use crate::WebhookEvent;
use crate::event::{self, Assemble, Common, event_enum};
use crate::providers::UnknownEvent;

event_enum! {
    /// A Pocketbook event, by its `type`.
    ///
    /// Every known variant carries an [`Envelope`] with the event's `id`, `created` and
    /// typed `data`; [`Event::id`] and [`Event::created`] reach them without a `match`.
    ///
    /// # Examples
    ///
    /// ```
    /// use hookverify::providers::pocketbook::Event;
    ///
    /// let body = br#"{"id":"evt_1","type":"bulk_job.failed","created":1641000100,
    ///     "data":{"jobId":"j1","error":"Processing error occurred","failedAt":"2025-01-15T11:10:00Z"}}"#;
    /// match serde_json::from_slice::<Event>(body)? {
    ///     Event::BulkJobFailed(e) => assert_eq!(e.data.error, "Processing error occurred"),
    ///     other => panic!("{other:?}"),
    /// }
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub enum Event {
        tag: "type",
        common: Header,
        /// `certificate.created`: a new certificate was created.
        "certificate.created" => CertificateCreated(Envelope<CertificateCreated>) from Data<CertificateCreated>,
        /// `certificate.minted`: a certificate was minted on the blockchain.
        "certificate.minted" => CertificateMinted(Envelope<CertificateMinted>) from Data<CertificateMinted>,
        /// `certificate.transferred`: a certificate changed owner.
        "certificate.transferred" => CertificateTransferred(Envelope<CertificateTransferred>) from Data<CertificateTransferred>,
        /// `certificate.burned`: a certificate was destroyed.
        "certificate.burned" => CertificateBurned(Envelope<CertificateBurned>) from Data<CertificateBurned>,
        /// `voucher.created`: a new voucher was created.
        "voucher.created" => VoucherCreated(Envelope<VoucherCreated>) from Data<VoucherCreated>,
        /// `voucher.minted`: a voucher was redeemed.
        "voucher.minted" => VoucherMinted(Envelope<VoucherMinted>) from Data<VoucherMinted>,
        /// `voucher.expired`: a voucher expired without being redeemed.
        "voucher.expired" => VoucherExpired(Envelope<VoucherExpired>) from Data<VoucherExpired>,
        /// `bulk_job.started`: a bulk mint job started.
        "bulk_job.started" => BulkJobStarted(Envelope<BulkJobStarted>) from Data<BulkJobStarted>,
        /// `bulk_job.completed`: a bulk mint job completed.
        "bulk_job.completed" => BulkJobCompleted(Envelope<BulkJobCompleted>) from Data<BulkJobCompleted>,
        /// `bulk_job.failed`: a bulk mint job failed.
        "bulk_job.failed" => BulkJobFailed(Envelope<BulkJobFailed>) from Data<BulkJobFailed>,
    }
}

impl Event {
    fn header(&self) -> Result<(&str, OffsetDateTime), &UnknownEvent> {
        fn h<D>(e: &Envelope<D>) -> Result<(&str, OffsetDateTime), &UnknownEvent> {
            Ok((&e.id, e.created))
        }
        match self {
            Event::CertificateCreated(e) => h(e),
            Event::CertificateMinted(e) => h(e),
            Event::CertificateTransferred(e) => h(e),
            Event::CertificateBurned(e) => h(e),
            Event::VoucherCreated(e) => h(e),
            Event::VoucherMinted(e) => h(e),
            Event::VoucherExpired(e) => h(e),
            Event::BulkJobStarted(e) => h(e),
            Event::BulkJobCompleted(e) => h(e),
            Event::BulkJobFailed(e) => h(e),
            Event::Unknown(u) => Err(u),
        }
    }

    /// The event's `id`; the same on every delivery of one event, so deduplicate on it.
    #[must_use]
    pub fn id(&self) -> Option<&str> {
        match self.header() {
            Ok((id, _)) => Some(id),
            Err(u) => u.str_field("id"),
        }
    }

    /// When the event happened (`created`, unix seconds).
    #[must_use]
    pub fn created(&self) -> Option<OffsetDateTime> {
        match self.header() {
            Ok((_, created)) => Some(created),
            Err(u) => u
                .raw
                .get("created")
                .and_then(Value::as_i64)
                .and_then(|s| OffsetDateTime::from_unix_timestamp(s).ok()),
        }
    }
}

impl WebhookEvent for Event {
    fn type_name(&self) -> &str {
        Event::type_name(self)
    }
    fn delivery_id(&self) -> Option<&str> {
        self.id()
    }
    fn is_test(&self) -> bool {
        false
    }
}

/// The envelope every Pocketbook event comes in.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Envelope<D> {
    /// The event id, e.g. `evt_1234567890`; the same on every delivery of one event.
    pub id: String,
    /// When the event happened (`created`, sent as unix seconds).
    pub created: OffsetDateTime,
    /// The event's payload.
    pub data: D,
}

/// The `id` and `created` fields, wherever they come in the object.
#[derive(Default)]
pub(crate) struct Header {
    id: Option<String>,
    created: Option<i64>,
}

impl Common for Header {
    fn accept<'de, M: MapAccess<'de>>(&mut self, key: &str, map: &mut M) -> Result<bool, M::Error> {
        match key {
            "id" => event::take(&mut self.id, "id", map),
            "created" => event::take(&mut self.created, "created", map),
            _ => Ok(false),
        }
    }
    fn write_raw(&self, raw: &mut Map<String, Value>) {
        event::write(raw, "id", &self.id);
        event::write(raw, "created", &self.created);
    }
}

/// The `data` member, for known event types.
#[derive(Deserialize)]
pub(crate) struct Data<D> {
    data: D,
}

impl<D> Assemble<Data<D>, Header> for Envelope<D> {
    fn assemble<E: de::Error>(body: Data<D>, h: Header) -> Result<Self, E> {
        Ok(Envelope {
            id: event::required(h.id, "id")?,
            created: event::unix(event::required(h.created, "created")?)?,
            data: body.data,
        })
    }
}

/// `certificate.created` data.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CertificateCreated {
    /// The certificate's id.
    pub certificate_id: String,
    /// Its name, e.g. `Achievement Certificate`.
    #[serde(default)]
    pub name: Option<String>,
    /// Its description.
    #[serde(default)]
    pub description: Option<String>,
    /// Its image, e.g. an IPFS URL.
    #[serde(default)]
    pub image_url: Option<String>,
    /// The owner's wallet address.
    #[serde(default)]
    pub owner: Option<String>,
    /// Its metadata.
    #[serde(default)]
    pub metadata: Option<CertificateMetadata>,
    /// When it was created.
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

/// A certificate's metadata.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct CertificateMetadata {
    /// A category, e.g. `education`.
    #[serde(default)]
    pub category: Option<String>,
    /// Its attributes (NFT-style traits).
    #[serde(default)]
    pub attributes: Vec<Attribute>,
}

/// One attribute of a certificate's metadata.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct Attribute {
    /// The trait's name, e.g. `Course`.
    pub trait_type: String,
    /// Its value, as sent (a string or a number).
    pub value: Value,
}

/// `certificate.minted` data.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CertificateMinted {
    /// The certificate's id.
    pub certificate_id: String,
    /// The token id on chain, e.g. `123456`.
    pub token_id: String,
    /// The minting transaction.
    pub transaction_hash: String,
    /// The owner's wallet address.
    #[serde(default)]
    pub owner: Option<String>,
    /// When it was minted.
    #[serde(with = "time::serde::rfc3339")]
    pub minted_at: OffsetDateTime,
}

/// `certificate.transferred` data.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CertificateTransferred {
    /// The certificate's id.
    pub certificate_id: String,
    /// The token id on chain.
    pub token_id: String,
    /// The previous owner's address.
    pub from: String,
    /// The new owner's address.
    pub to: String,
    /// The transfer transaction.
    pub transaction_hash: String,
    /// When it was transferred.
    #[serde(with = "time::serde::rfc3339")]
    pub transferred_at: OffsetDateTime,
}

/// `certificate.burned` data.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CertificateBurned {
    /// The certificate's id.
    pub certificate_id: String,
    /// The token id on chain.
    pub token_id: String,
    /// The burn transaction.
    pub transaction_hash: String,
    /// When it was burned.
    #[serde(with = "time::serde::rfc3339")]
    pub burned_at: OffsetDateTime,
}

/// `voucher.created` data.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct VoucherCreated {
    /// The voucher's id.
    pub voucher_id: String,
    /// The certificate it redeems to.
    pub certificate_id: String,
    /// A human-readable reference, e.g. `PB-ABC123`.
    #[serde(default)]
    pub reference_number: Option<String>,
    /// When it expires; sent as unix seconds in a string (`"1672531200"`).
    #[serde(default, with = "unix_text::option")]
    pub expiry: Option<OffsetDateTime>,
    /// Recipient details.
    #[serde(default)]
    pub metadata: Option<VoucherMetadata>,
    /// Where the recipient claims it.
    #[serde(default)]
    pub claim_url: Option<String>,
    /// When it was created.
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

/// A voucher's recipient details.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct VoucherMetadata {
    /// The recipient's e-mail address.
    #[serde(default)]
    pub recipient_email: Option<String>,
    /// The recipient's name.
    #[serde(default)]
    pub recipient_name: Option<String>,
}

/// `voucher.minted` data.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct VoucherMinted {
    /// The voucher's id.
    pub voucher_id: String,
    /// The certificate it redeemed to.
    pub certificate_id: String,
    /// A human-readable reference.
    #[serde(default)]
    pub reference_number: Option<String>,
    /// The wallet that redeemed it.
    #[serde(default)]
    pub minted_by: Option<String>,
    /// The minting transaction.
    #[serde(default)]
    pub transaction_hash: Option<String>,
    /// When it was redeemed.
    #[serde(with = "time::serde::rfc3339")]
    pub minted_at: OffsetDateTime,
}

/// `voucher.expired` data.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct VoucherExpired {
    /// The voucher's id.
    pub voucher_id: String,
    /// The certificate it would have redeemed to.
    pub certificate_id: String,
    /// A human-readable reference.
    #[serde(default)]
    pub reference_number: Option<String>,
    /// When it expired.
    #[serde(with = "time::serde::rfc3339")]
    pub expired_at: OffsetDateTime,
}

/// `bulk_job.started` data.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct BulkJobStarted {
    /// The job's id.
    pub job_id: String,
    /// How many items the job has.
    pub total_count: u64,
    /// When it started.
    #[serde(with = "time::serde::rfc3339")]
    pub started_at: OffsetDateTime,
}

/// `bulk_job.completed` data.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct BulkJobCompleted {
    /// The job's id.
    pub job_id: String,
    /// How many items the job had.
    pub total_count: u64,
    /// How many succeeded.
    pub success_count: u64,
    /// How many failed.
    pub failed_count: u64,
    /// Claim links of the vouchers made.
    #[serde(default)]
    pub voucher_links: Option<VoucherLinks>,
    /// When it completed.
    #[serde(with = "time::serde::rfc3339")]
    pub completed_at: OffsetDateTime,
}

/// Claim links of a bulk job's vouchers.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct VoucherLinks {
    /// Every voucher's link.
    #[serde(default)]
    pub voucher_all: Vec<String>,
    /// The links of the vouchers that were made successfully.
    #[serde(default)]
    pub voucher_success: Vec<String>,
}

/// `bulk_job.failed` data.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct BulkJobFailed {
    /// The job's id.
    pub job_id: String,
    /// What went wrong.
    pub error: String,
    /// When it failed.
    #[serde(with = "time::serde::rfc3339")]
    pub failed_at: OffsetDateTime,
}

/// Unix seconds sent as a decimal string (or, tolerated, as a number).
mod unix_text {
    pub(super) mod option {
        use serde::{Deserialize, Deserializer, de};
        use time::OffsetDateTime;

        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Text {
            Str(String),
            Num(i64),
        }

        pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
            d: D,
        ) -> Result<Option<OffsetDateTime>, D::Error> {
            let secs = match Option::<Text>::deserialize(d)? {
                None => return Ok(None),
                Some(Text::Num(n)) => n,
                Some(Text::Str(s)) => s.parse::<i64>().map_err(|_| {
                    de::Error::invalid_value(de::Unexpected::Str(&s), &"unix seconds")
                })?,
            };
            crate::event::unix(secs).map(Some)
        }
    }
}
