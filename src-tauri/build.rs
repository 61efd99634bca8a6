//! Build script: generates Tauri's context, and an app manifest so that every Coffre command is
//! gated by a capability (without a manifest Tauri lets the webview call any app command).

/// Every command the app registers; keep in step with `generate_handler!` in `lib.rs` and docs/ipc.md.
const COMMANDS: &[&str] = &[
    "app_status",
    "vault_create",
    "vault_unlock",
    "vault_unlock_cancel",
    "vault_lock",
    "vault_pick_file",
    "demo_start",
    "activity",
    "keys_list",
    "keys_holdings",
    "key_get",
    "form_open",
    "form_paste",
    "form_type_passphrase",
    "form_clear_field",
    "form_recheck",
    "form_discard",
    "key_add",
    "key_update",
    "key_replace_credentials",
    "key_delete",
    "key_reveal",
    "key_copy",
    "key_check",
    "key_save_found_host",
    "keys_check_all",
    "keys_check_all_status",
    "settings_get",
    "settings_set",
    "password_change",
    "backup_create",
    "backup_restore",
    "backup_restore_pick",
    "rollback_accept",
    "catalog_exchanges",
    "catalog_platforms",
    "catalog_guide",
    "error_explain",
    "key_verdicts",
    "safety_overview",
    "paste_sequence_start",
    "paste_sequence_next",
    "paste_sequence_cancel",
    "paste_sequence_copy",
    "auto_type_key",
    "bot_command_line",
    "bot_command_copy",
    "key_export",
    "keygen_ed25519",
    "key_add_generated",
    "key_share_export",
    "key_share_import",
    "platform_ips_set",
    "platform_ips_copy",
];

fn main() {
    // The custom pattern keeps capabilities beside the sources; tauri-build does not watch it itself.
    println!("cargo:rerun-if-changed=src-tauri/capabilities");
    println!("cargo:rerun-if-changed=src-tauri/isolation");
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("src-tauri/capabilities/**/*")
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    tauri_build::try_build(attributes).expect("tauri build script failed");
}
