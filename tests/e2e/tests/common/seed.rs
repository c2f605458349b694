//! A desk set up through the core before the window opens, as a finished wizard would leave it.

use channel_desk_core::model::{Account, AccountDetailsInput, AuthMethod, Channel, ChannelDetailsInput, NumberInput};
use channel_desk_core::secrets::Secret;
use channel_desk_core::Desk;

/// A complete WhatsApp account named `name`, with its Auth token and one number.
pub async fn complete_account(desk: &Desk, name: &str, sid: &str, token: &str, number: NumberInput) -> Account {
    let channel = ChannelDetailsInput { name: name.into(), channel: Channel::Whatsapp };
    let id = desk.accounts.create_draft(channel).await.unwrap().id;
    let details = AccountDetailsInput {
        account_sid: sid.into(),
        auth_method: AuthMethod::AuthToken,
        auth_token: Some(Secret::new(token)),
        api_key_sid: None,
        api_key_secret: None,
    };
    desk.accounts.save_account_details(&id, details).await.unwrap();
    desk.accounts.add_number(&id, number).await.unwrap();
    desk.accounts.complete(&id).await.unwrap()
}
