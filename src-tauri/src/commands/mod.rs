pub mod accounts;
pub mod settings;
pub mod twilio;
