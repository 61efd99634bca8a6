//! What Coffre knows about exchanges and platforms, and the model every other crate shares.
//!
//! Knowledge (exchanges, platforms, permission profiles, guide checklists, translations) lives in
//! data files under `data/`, embedded at build time and validated when loaded.
#![forbid(unsafe_code)]

pub mod model;
