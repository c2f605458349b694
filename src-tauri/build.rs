const COMMANDS: &[&str] = &[
    "list_accounts",
    "get_account",
    "create_account",
    "update_channel_details",
    "save_account_details",
    "add_number",
    "update_number",
    "remove_number",
    "complete_account",
    "delete_account",
    "get_settings",
    "set_callback_base_url",
    "set_language",
    "inbound_url",
    "copy_inbound_url",
    "host_overrides",
    "check_credentials",
    "list_whatsapp_senders",
    "inbound_routes",
    "apply_inbound_url",
    "restore_previous_inbound_url",
    "check_drift",
    "open_twilio_page",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("failed to run tauri-build");
}
