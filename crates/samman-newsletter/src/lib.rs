//! The newsletter of a body: everything between a subscriber's address and a delivered mail, except
//! storage (the store's [`samman_store::NewsletterStore`]) and the web routes (`samman-server`).
//!
//! * [`secret`] — the server secret (`SAMMAN_SECRET`, or a file created with mode 600 in the data
//!   directory), the keyed hash of an address, and HMAC-signed tokens for confirmation and personal links;
//! * [`export`] — CSV cells for the subscriber exports (formulas neutralised);
//! * [`dkim`] — DKIM signatures (rsa-sha256, ed25519-sha256; relaxed/relaxed) over the raw message;
//! * [`address`] — which addresses are accepted (no header injection, no junk);
//! * [`mail`] — sending a message, the confirmation mail, and how a failure is classified (temporary:
//!   retry with backoff; permanent: recorded);
//! * [`smtp`] — the server from a URL and the connections kept to it (our sockets with `TCP_NODELAY`,
//!   lettre's SMTP client on them, rustls for TLS);
//! * [`worker`] — the delivery worker over the outbox: claim with a lease, send with the stable
//!   Message-ID, mark; bounded concurrency and a rate limit.
//!
//! What "exactly once" means at the moment no protocol closes is written down in `docs/newsletter.md`.

pub mod address;
pub mod dkim;
pub mod export;
pub mod mail;
pub mod secret;
pub mod smtp;
pub mod worker;

pub use address::{AddressError, check_address};
pub use mail::{Mailer, SendError};
pub use secret::{Secret, Token};
pub use worker::{Settings, Worker};

/// The version of the consent text shown beside the subscribe form; stored with each consent.
pub const CONSENT_VERSION: &str = "2026-12-1";

/// How long a confirmation link works.
pub const CONFIRM_VALID_SECONDS: i64 = 7 * 24 * 3600;

/// The newsletter's paths under a body (`/{body}/…`); the page itself and the subscribe form's target
/// are spelled in `samman_render::links` (`NEWSLETTER`, `SUBSCRIBE`).
pub mod paths {
    /// The newsletter page with the form.
    pub const PAGE: &str = samman_render::links::NEWSLETTER;
    /// Where the form posts (`epost`).
    pub const SUBSCRIBE: &str = samman_render::links::SUBSCRIBE;
    /// The confirmation link (GET: a page with a button; POST: confirms).
    pub const CONFIRM: &str = "nyhetsbrev/bekrafta";
    /// The personal unsubscribe link (GET: a page with one button; POST: unsubscribes at once, RFC 8058).
    pub const UNSUBSCRIBE: &str = "nyhetsbrev/avsluta";
    /// The subscriber's data as JSON (GET) with a personal token.
    pub const DATA: &str = "nyhetsbrev/uppgifter";
    /// Deletes the subscriber's data (POST) with a personal token.
    pub const DELETE: &str = "nyhetsbrev/radera";
}
