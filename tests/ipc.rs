//! The app's commands driven through Tauri's IPC layer (`tauri::test`, no window): the real
//! command set of `app_builder`, real vault files in a temp dir, a fast KDF. `contract` keeps the
//! UI's generated copy of the contract (TypeScript types, fixtures) in step with the Rust types.

#[path = "ipc/harness.rs"]
mod harness;

#[path = "ipc/acl.rs"]
mod acl;
#[path = "ipc/contract.rs"]
mod contract;
#[path = "ipc/deadlines.rs"]
mod deadlines;
#[path = "ipc/explain.rs"]
mod explain;
#[path = "ipc/keys.rs"]
mod keys;
#[path = "ipc/platforms.rs"]
mod platforms;
#[path = "ipc/rollback.rs"]
mod rollback;
#[path = "ipc/unlock_cancel.rs"]
mod unlock_cancel;
#[path = "ipc/vault.rs"]
mod vault;
