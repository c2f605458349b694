pub mod accounts;
pub mod queues;
pub mod settings;
pub mod setup;
pub mod templates;
pub mod twilio;
pub mod workstreams;
