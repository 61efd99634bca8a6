//! What Coffre knows about exchanges and platforms, and the judgements built on that knowledge.
//!
//! Knowledge (exchanges, platforms, permission profiles, guide checklists, translations) lives in
//! data files under `data/`, embedded at build time and validated when loaded.
//!
//! Modules depend one way. At the bottom, the data's types: `text`, `format`, `exchange`,
//! `platform`, `messages`, `reason`. Above them, `catalog`: loading, the data's checks and its
//! lookups. On top, what is built from a `&Catalog`: `verdict`, `safety`, `paste`, `guide` and
//! `sentences`, each also offering a function over the global [`catalog()`] for the app and CLI.
#![forbid(unsafe_code)]

pub mod ambiguous;
pub mod badge;
pub mod catalog;
pub mod error_codes;
pub mod exchange;
pub mod format;
pub mod guide;
pub mod ip;
pub mod messages;
pub mod paste;
pub mod platform;
pub mod reason;
pub mod safety;
pub mod sentences;
pub mod text;
pub mod verdict;

#[cfg(test)]
mod fixture;

pub use ambiguous::{ambiguous_sentence, AmbiguousCode};
pub use badge::BadgeColor;
pub use catalog::{catalog, Catalog, CatalogError};
pub use exchange::{Action, Exchange, Permission};
pub use guide::ChecklistItem;
pub use ip::is_ip_or_range;
pub use platform::{IpPolicy, Platform, ResolvedProfile};
pub use reason::{Reason, ReasonKind, Severity};
pub use safety::{safety_overview, KeyFacts, SafetyOverview};
pub use sentences::{describe_diagnosis, diagnosis_message, permission_name};
pub use verdict::{judge, Status, Verdict};
