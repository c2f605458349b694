//! A desk whose Twilio is the fake, with one complete messaging account on one of the fake's
//! accounts, for the template outbox, sync and exact-text check tests.

// Each test binary uses only part of these helpers.
#![allow(dead_code)]

use std::sync::Arc;
use std::time::Duration;

use channel_desk_core::model::{
    AccountDetailsInput, AuthMethod, Channel, ChannelDetailsInput, NumberInput, TemplateCategory,
};
use channel_desk_core::secrets::{MemoryStore, Secret};
use channel_desk_core::twilio::{BaseUrls, Credentials, Timing, Twilio};
use channel_desk_core::{db, Desk};
use fake_twilio::{Account, FakeTwilio};
use sqlx::SqlitePool;
use tempfile::TempDir;

pub struct FakeDesk {
    pub fake: FakeTwilio,
    /// The fake's account that the desk's messaging account signs in as.
    pub twilio_account: Account,
    pub desk: Desk,
    /// The desk's messaging account.
    pub account_id: String,
    pub number_id: String,
    /// A second pool on the same file, for looking at rows directly.
    pub pool: SqlitePool,
    pub dir: TempDir,
}

pub fn timing() -> Timing {
    Timing {
        request_timeout: Duration::from_secs(10),
        connect_timeout: Duration::from_secs(2),
        attempts: 3,
        first_backoff: Duration::from_millis(10),
        max_backoff: Duration::from_secs(2),
        accepted_wait: Duration::from_secs(3),
        accepted_poll: Duration::from_millis(50),
    }
}

/// A client of `fake` that gives up on a request after `request_timeout`.
pub fn client(fake: &FakeTwilio, request_timeout: Duration) -> Twilio {
    Twilio::new(BaseUrls::all_at(&fake.url()).unwrap(), Timing { request_timeout, ..timing() }).unwrap()
}

pub async fn fake_desk() -> FakeDesk {
    let fake = FakeTwilio::start().await;
    let twilio_account = fake.add_account("Contoso", "active", "Full");
    let dir = tempfile::tempdir().unwrap();
    let twilio = client(&fake, timing().request_timeout);
    let desk = Desk::open_with(dir.path(), Arc::new(MemoryStore::default()), twilio).await.unwrap();
    let a = &desk.accounts;
    let account =
        a.create_draft(ChannelDetailsInput { name: "Contoso".into(), channel: Channel::Whatsapp }).await.unwrap();
    let details = AccountDetailsInput {
        account_sid: twilio_account.sid.clone(),
        auth_method: AuthMethod::AuthToken,
        auth_token: Some(Secret::new(twilio_account.auth_token.clone())),
        api_key_sid: None,
        api_key_secret: None,
    };
    a.save_account_details(&account.id, details).await.unwrap();
    let account =
        a.add_number(&account.id, NumberInput { name: "Main".into(), number: "+14155238886".into() }).await.unwrap();
    let account = a.complete(&account.id).await.unwrap();
    let pool = db::open(&dir.path().join(db::FILE_NAME)).await.unwrap();
    FakeDesk { account_id: account.id, number_id: account.numbers[0].id.clone(), fake, twilio_account, desk, pool, dir }
}

impl FakeDesk {
    /// The fake account's credentials, for calling the client directly.
    pub fn credentials(&self) -> Credentials {
        Credentials {
            account_sid: self.twilio_account.sid.clone(),
            username: self.twilio_account.sid.clone(),
            password: Secret::new(self.twilio_account.auth_token.clone()),
        }
    }

    /// A `twilio/text` content in the fake, submitted for WhatsApp approval under `name` as a
    /// utility template, then moved to `status`.
    pub async fn content(&self, name: &str, language: &str, body: &str, status: &str) -> String {
        let sid = self.fake.add_content(&self.twilio_account.sid, &format!("{name}_{language}"), language, body);
        let creds = self.credentials();
        self.desk.twilio.submit_for_whatsapp_approval(&creds, &sid, name, TemplateCategory::Utility).await.unwrap();
        self.fake.set_approval_status(&sid, status, None);
        sid
    }
}
