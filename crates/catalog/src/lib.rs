//! What Coffre knows about exchanges and platforms, and the model every other crate shares.
//!
//! Knowledge (exchanges, platforms, permission profiles, guide checklists, translations) lives in
//! data files under `data/`, embedded at build time and validated when loaded.
#![forbid(unsafe_code)]

pub mod catalog;
pub mod exchange;
pub mod format;
pub mod guide;
pub mod ip;
pub mod messages;
pub mod model;
pub mod paste;
pub mod platform;
pub mod safety;
pub mod text;
pub mod verdict;

pub use catalog::{catalog, Catalog, CatalogError};
pub use exchange::{Action, Exchange, Permission};
pub use guide::ChecklistItem;
pub use ip::is_ip_or_range;
pub use messages::{describe_diagnosis, diagnosis_message, permission_name};
pub use platform::{IpPolicy, Platform, ResolvedProfile};
pub use safety::{safety_overview, KeyFacts, SafetyOverview};
pub use verdict::{judge, Reason, ReasonCode, Severity, Status, Verdict};
