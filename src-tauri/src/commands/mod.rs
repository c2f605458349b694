pub mod accounts;
pub mod settings;
