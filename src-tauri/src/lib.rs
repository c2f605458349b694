//! The desktop shell: plugins, state and commands. Every decision is made in the core crate.

mod commands;
mod runs;
mod state;

pub fn run() {
    tauri::Builder::default()
        .plugin(tauri_plugin_clipboard_manager::init())
        .plugin(tauri_plugin_opener::init())
        .setup(state::init)
        .invoke_handler(tauri::generate_handler![
            commands::accounts::list_accounts,
            commands::accounts::get_account,
            commands::accounts::create_account,
            commands::accounts::update_channel_details,
            commands::accounts::save_account_details,
            commands::accounts::add_number,
            commands::accounts::update_number,
            commands::accounts::remove_number,
            commands::accounts::complete_account,
            commands::accounts::delete_account,
            commands::queues::list_queues,
            commands::queues::create_queue,
            commands::queues::rename_queue,
            commands::queues::delete_queue,
            commands::workstreams::list_workstreams,
            commands::workstreams::get_workstream,
            commands::workstreams::create_workstream,
            commands::workstreams::save_workstream_details,
            commands::workstreams::save_work_distribution,
            commands::workstreams::save_advanced_settings,
            commands::workstreams::copy_workstream,
            commands::workstreams::workstream_deletion,
            commands::workstreams::delete_workstream,
            commands::setup::channel_languages,
            commands::setup::available_numbers,
            commands::setup::save_setup_number,
            commands::setup::save_setup_language,
            commands::setup::save_setup_behaviours,
            commands::setup::save_setup_user_features,
            commands::setup::finish_setup,
            commands::setup::remove_setup,
            commands::templates::search_templates,
            commands::templates::get_template,
            commands::templates::create_template,
            commands::templates::save_template_details,
            commands::templates::add_template_language,
            commands::templates::save_template_content,
            commands::templates::new_template_revision,
            commands::templates::template_history,
            commands::templates::lint_template,
            commands::templates::apply_lint_fix,
            commands::outbox::publish_template,
            commands::outbox::outbox_items,
            commands::outbox::retry_outbox_item,
            commands::outbox::cancel_outbox_item,
            commands::outbox::run_outbox,
            commands::outbox::stop_outbox,
            commands::outbox::delete_template,
            commands::sync::sync_templates,
            commands::sync::stop_sync,
            commands::sync::check_template_texts,
            commands::sync::approved_templates,
            commands::settings::get_settings,
            commands::settings::set_callback_base_url,
            commands::settings::set_language,
            commands::settings::inbound_url,
            commands::settings::copy_inbound_url,
            commands::settings::host_overrides,
            commands::twilio::check_credentials,
            commands::twilio::list_whatsapp_senders,
            commands::twilio::inbound_routes,
            commands::twilio::apply_inbound_url,
            commands::twilio::restore_previous_inbound_url,
            commands::twilio::check_drift,
            commands::twilio::open_twilio_page,
        ])
        .run(tauri::generate_context!())
        .expect("Channel Desk could not start");
}
