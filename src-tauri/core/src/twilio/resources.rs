//! The Twilio resources this tool reads and writes, each with the calls it needs. Models are
//! lenient, as Twilio's own examples are: missing or empty fields become `None`.

use serde::de::IgnoredAny;
use serde::{Deserialize, Deserializer};
use serde_json::json;
use tokio::time::Instant;

use super::{Body, Credentials, Host, Twilio};
use crate::error::Result;

#[derive(Debug, Clone, Deserialize)]
pub struct TwilioAccount {
    pub sid: String,
    #[serde(default, deserialize_with = "non_empty")]
    pub friendly_name: Option<String>,
    /// `active`, `suspended` or `closed`.
    #[serde(default, deserialize_with = "non_empty")]
    pub status: Option<String>,
    /// `Trial` or `Full`.
    #[serde(default, rename = "type", deserialize_with = "non_empty")]
    pub kind: Option<String>,
}

/// A WhatsApp sender (Messaging v2 Channels Senders).
#[derive(Debug, Clone, Deserialize)]
pub struct ChannelsSender {
    pub sid: String,
    /// `whatsapp:+14155238886`.
    #[serde(default, deserialize_with = "non_empty")]
    pub sender_id: Option<String>,
    #[serde(default, deserialize_with = "non_empty")]
    pub status: Option<String>,
    #[serde(default)]
    pub webhook: Option<SenderWebhook>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct SenderWebhook {
    #[serde(default, deserialize_with = "non_empty")]
    pub callback_url: Option<String>,
}

/// A Messaging Service (Messaging v1).
#[derive(Debug, Clone, Deserialize)]
pub struct MessagingService {
    pub sid: String,
    #[serde(default, deserialize_with = "non_empty")]
    pub friendly_name: Option<String>,
    #[serde(default, deserialize_with = "non_empty")]
    pub inbound_request_url: Option<String>,
    /// When true, the sender's or number's own webhook wins over the service's URL.
    #[serde(default)]
    pub use_inbound_webhook_on_number: bool,
}

/// A sender attached to a Messaging Service.
#[derive(Debug, Clone, Deserialize)]
pub struct ServiceChannelSender {
    pub sid: String,
    #[serde(default, deserialize_with = "non_empty")]
    pub sender: Option<String>,
}

/// A phone number in a Messaging Service's number pool.
#[derive(Debug, Clone, Deserialize)]
pub struct ServicePhoneNumber {
    pub sid: String,
    /// E.164.
    #[serde(default, deserialize_with = "non_empty")]
    pub phone_number: Option<String>,
}

/// A phone number bought on Twilio (2010 API).
#[derive(Debug, Clone, Deserialize)]
pub struct IncomingPhoneNumber {
    pub sid: String,
    pub phone_number: String,
    #[serde(default, deserialize_with = "non_empty")]
    pub sms_url: Option<String>,
    /// When set, Twilio ignores `sms_url` and runs this TwiML app.
    #[serde(default, deserialize_with = "non_empty")]
    pub sms_application_sid: Option<String>,
}

impl Twilio {
    pub async fn fetch_account(&self, creds: &Credentials) -> Result<TwilioAccount> {
        let path = format!("/2010-04-01/Accounts/{}.json", creds.account_sid);
        self.get(creds, self.url(Host::Api, &path)).await
    }

    /// One page of at most one of the account's numbers: a read that any working key may make,
    /// Standard keys included, unlike [`Twilio::fetch_account`].
    pub async fn probe_incoming_phone_numbers(&self, creds: &Credentials) -> Result<()> {
        let path = format!("/2010-04-01/Accounts/{}/IncomingPhoneNumbers.json", creds.account_sid);
        let mut url = self.url(Host::Api, &path);
        url.query_pairs_mut().append_pair("PageSize", "1");
        self.get::<IgnoredAny>(creds, url).await.map(drop)
    }

    pub async fn channels_senders(&self, creds: &Credentials) -> Result<Vec<ChannelsSender>> {
        let mut url = self.url(Host::Messaging, "/v2/Channels/Senders");
        url.query_pairs_mut().append_pair("Channel", "whatsapp").append_pair("PageSize", "50");
        self.list(creds, url, "senders").await
    }

    pub async fn channels_sender(&self, creds: &Credentials, sender_sid: &str) -> Result<ChannelsSender> {
        self.get(creds, self.url(Host::Messaging, &format!("/v2/Channels/Senders/{sender_sid}"))).await
    }

    /// Twilio answers 202: it accepted the change and applies it later. See [`Twilio::sender_shows`].
    pub async fn set_sender_webhook(&self, creds: &Credentials, sender_sid: &str, url: &str) -> Result<()> {
        let body = json!({ "webhook": { "callback_url": url, "callback_method": "POST" } });
        self.post(creds, self.url(Host::Messaging, &format!("/v2/Channels/Senders/{sender_sid}")), Body::Json(body))
            .await
    }

    /// Reads the sender until its webhook is `url`, for at most [`super::Timing::accepted_wait`];
    /// returns whether it got there.
    pub async fn sender_shows(&self, creds: &Credentials, sender_sid: &str, url: &str) -> Result<bool> {
        let deadline = Instant::now() + self.timing.accepted_wait;
        loop {
            let sender = self.channels_sender(creds, sender_sid).await?;
            let shown = sender.webhook.and_then(|w| w.callback_url);
            if shown.is_some_and(|shown| shown.trim_end_matches('/') == url.trim_end_matches('/')) {
                return Ok(true);
            }
            if Instant::now() + self.timing.accepted_poll > deadline {
                return Ok(false);
            }
            tokio::time::sleep(self.timing.accepted_poll).await;
        }
    }

    pub async fn messaging_services(&self, creds: &Credentials) -> Result<Vec<MessagingService>> {
        let mut url = self.url(Host::Messaging, "/v1/Services");
        url.query_pairs_mut().append_pair("PageSize", "50");
        self.list(creds, url, "services").await
    }

    pub async fn service_channel_senders(
        &self,
        creds: &Credentials,
        service_sid: &str,
    ) -> Result<Vec<ServiceChannelSender>> {
        let mut url = self.url(Host::Messaging, &format!("/v1/Services/{service_sid}/ChannelSenders"));
        url.query_pairs_mut().append_pair("PageSize", "50");
        self.list(creds, url, "senders").await
    }

    /// The phone numbers in the service's number pool.
    pub async fn service_phone_numbers(
        &self,
        creds: &Credentials,
        service_sid: &str,
    ) -> Result<Vec<ServicePhoneNumber>> {
        let mut url = self.url(Host::Messaging, &format!("/v1/Services/{service_sid}/PhoneNumbers"));
        url.query_pairs_mut().append_pair("PageSize", "50");
        self.list(creds, url, "phone_numbers").await
    }

    pub async fn set_service_inbound_request_url(
        &self,
        creds: &Credentials,
        service_sid: &str,
        url: &str,
    ) -> Result<()> {
        let fields = [("InboundRequestUrl", url), ("InboundMethod", "POST")];
        self.post(creds, self.url(Host::Messaging, &format!("/v1/Services/{service_sid}")), Body::Form(&fields)).await
    }

    /// The account's Twilio number with exactly this E.164 value, if it has one.
    pub async fn incoming_phone_number(
        &self,
        creds: &Credentials,
        number: &str,
    ) -> Result<Option<IncomingPhoneNumber>> {
        let path = format!("/2010-04-01/Accounts/{}/IncomingPhoneNumbers.json", creds.account_sid);
        let mut url = self.url(Host::Api, &path);
        url.query_pairs_mut().append_pair("PhoneNumber", number);
        let numbers: Vec<IncomingPhoneNumber> = self.list(creds, url, "incoming_phone_numbers").await?;
        Ok(numbers.into_iter().find(|n| n.phone_number == number))
    }

    pub async fn set_number_sms_url(&self, creds: &Credentials, number_sid: &str, url: &str) -> Result<()> {
        let path = format!("/2010-04-01/Accounts/{}/IncomingPhoneNumbers/{number_sid}.json", creds.account_sid);
        let fields = [("SmsUrl", url), ("SmsMethod", "POST")];
        self.post(creds, self.url(Host::Api, &path), Body::Form(&fields)).await
    }
}

fn non_empty<'de, D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Option<String>, D::Error> {
    Ok(Option::<String>::deserialize(deserializer)?.filter(|s| !s.is_empty()))
}
