//! The Tauri commands of docs/ipc.md, grouped by screen. Each unpacks its arguments, calls one
//! core function and maps the error; rules live in the core crates.

pub mod catalog;
pub mod demo;
pub mod explain;
pub mod keys;
pub mod paste_in;
pub mod platforms;
pub mod settings;
pub mod share;
pub mod vault;
