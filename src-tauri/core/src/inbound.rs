//! Where Twilio sends each number's inbound messages today, writing our inbound URL there,
//! and drift: whether every number still posts to it.

use std::collections::HashMap;

use chrono::Utc;

use crate::accounts::Accounts;
use crate::callback;
use crate::error::{Error, ErrorCode, Result};
use crate::model::{DriftCheck, DriftOutcome, InboundRoute, RouteKind, UrlOwner, WhatsAppNumber, WhatsAppSender};
use crate::twilio::{Credentials, Sender, Service, Twilio};

/// Twilio's shared WhatsApp Sandbox number, whose inbound URL only the Console can set.
pub const SANDBOX_NUMBER: &str = "+14155238886";

pub async fn senders(accounts: &Accounts, twilio: &Twilio, account_id: &str) -> Result<Vec<WhatsAppSender>> {
    let creds = accounts.credentials(account_id).await?;
    Ok(twilio
        .whatsapp_senders(&creds)
        .await?
        .into_iter()
        .filter_map(|s| {
            let number = s.sender_id.as_deref()?.strip_prefix("whatsapp:")?.to_owned();
            Some(WhatsAppSender {
                number,
                webhook_url: s.webhook.and_then(|w| w.callback_url),
                sid: s.sid,
                status: s.status,
            })
        })
        .collect())
}

/// Where each of the account's numbers sends its inbound messages now.
pub async fn routes(
    accounts: &Accounts,
    twilio: &Twilio,
    account_id: &str,
    base: Option<&str>,
) -> Result<Vec<InboundRoute>> {
    let ours = callback::inbound_url(base, account_id)?;
    let account = accounts.get(account_id).await?;
    let creds = accounts.credentials(account_id).await?;
    let view = TwilioView::read(twilio, &creds).await?;
    let mut routes = Vec::with_capacity(account.numbers.len());
    for number in &account.numbers {
        routes.push(view.route(twilio, &creds, number, &ours).await?);
    }
    Ok(routes)
}

/// Writes our inbound URL where Twilio reads it for this number, then reads it back.
/// `confirmed` is the URL the user saw before agreeing to replace it: if Twilio's has changed
/// since, nothing is written.
pub async fn apply(
    accounts: &Accounts,
    twilio: &Twilio,
    account_id: &str,
    number_id: &str,
    base: Option<&str>,
    confirmed: Option<&str>,
) -> Result<InboundRoute> {
    let ours = callback::inbound_url(base, account_id)?;
    let account = accounts.get(account_id).await?;
    let number =
        account.numbers.iter().find(|n| n.id == number_id).ok_or_else(|| Error::not_found("This WhatsApp number"))?;
    let creds = accounts.credentials(account_id).await?;
    let before = TwilioView::read(twilio, &creds).await?.route(twilio, &creds, number, &ours).await?;
    if before.owner == UrlOwner::Ours {
        return Ok(before);
    }
    if before.current_url.as_deref() != confirmed {
        return Err(Error::new(
            ErrorCode::InboundChanged,
            format!(
                "Twilio's inbound URL for {} changed since you confirmed: it is now {}. Review it and apply again.",
                number.number,
                before.current_url.as_deref().unwrap_or("not set")
            ),
        ));
    }
    let sid = before.twilio_sid.as_deref();
    match (before.kind, sid) {
        (RouteKind::SenderWebhook, Some(sid)) => twilio.set_sender_webhook(&creds, sid, &ours).await?,
        (RouteKind::MessagingService, Some(sid)) => twilio.set_service_inbound_url(&creds, sid, &ours).await?,
        (RouteKind::PhoneNumber, Some(sid)) => twilio.set_number_sms_url(&creds, sid, &ours).await?,
        _ => return Err(Error::new(ErrorCode::CannotApply, before.note.unwrap_or_default())),
    }
    log::info!("applied the inbound URL of account {account_id} to number {number_id}");
    TwilioView::read(twilio, &creds).await?.route(twilio, &creds, number, &ours).await
}

/// Recomputes drift for every number and keeps the result with its time.
pub async fn check_drift(
    accounts: &Accounts,
    twilio: &Twilio,
    account_id: &str,
    base: Option<&str>,
) -> Result<DriftCheck> {
    let as_of = accounts.get(account_id).await?.updated_at;
    let check = match routes(accounts, twilio, account_id, base).await {
        Ok(routes) if routes.is_empty() => DriftCheck {
            outcome: DriftOutcome::Failed,
            checked_at: Utc::now(),
            drifted_numbers: Vec::new(),
            message: Some("This account has no WhatsApp number to check yet.".to_owned()),
        },
        Ok(routes) => {
            let drifted: Vec<String> =
                routes.iter().filter(|r| r.owner != UrlOwner::Ours).map(|r| r.number.clone()).collect();
            DriftCheck {
                outcome: if drifted.is_empty() { DriftOutcome::InSync } else { DriftOutcome::Drifted },
                checked_at: Utc::now(),
                message: (!drifted.is_empty())
                    .then(|| format!("Twilio no longer posts to this desk for {}.", drifted.join(", "))),
                drifted_numbers: drifted,
            }
        }
        Err(err)
            if matches!(err.code, ErrorCode::NotFound | ErrorCode::Storage | ErrorCode::CallbackBaseUrlMissing) =>
        {
            return Err(err)
        }
        Err(err) => DriftCheck {
            outcome: if err.code == ErrorCode::Offline { DriftOutcome::Offline } else { DriftOutcome::Failed },
            checked_at: Utc::now(),
            drifted_numbers: Vec::new(),
            message: Some(err.message),
        },
    };
    if !accounts.record_drift(account_id, as_of, &check).await? {
        return Err(Error::new(
            ErrorCode::ChangedDuringCheck,
            "The account changed while Twilio was being checked, so this answer is out of date. Check again.",
        ));
    }
    Ok(check)
}

/// The account's senders and the Messaging Services they belong to, read once per check.
struct TwilioView {
    senders: HashMap<String, Sender>,
    service_of: HashMap<String, Service>,
}

impl TwilioView {
    async fn read(twilio: &Twilio, creds: &Credentials) -> Result<Self> {
        let senders =
            twilio.whatsapp_senders(creds).await?.into_iter().filter_map(|s| Some((s.sender_id.clone()?, s))).collect();
        let mut service_of = HashMap::new();
        for service in twilio.services(creds).await? {
            for member in twilio.service_senders(creds, &service.sid).await? {
                if let Some(address) = member.sender {
                    service_of.insert(address, service.clone());
                }
            }
        }
        Ok(Self { senders, service_of })
    }

    async fn route(
        &self,
        twilio: &Twilio,
        creds: &Credentials,
        number: &WhatsAppNumber,
        ours: &str,
    ) -> Result<InboundRoute> {
        let address = format!("whatsapp:{}", number.number);
        let sender = self.senders.get(&address);
        let service = self.service_of.get(&address);
        let (kind, twilio_sid, service_name, current_url, note) = match (sender, service) {
            // Without a Request URL such a service drops inbound messages: it still decides.
            (_, Some(service)) if !service.use_inbound_webhook_on_number => (
                RouteKind::MessagingService,
                Some(service.sid.clone()),
                service.friendly_name.clone(),
                service.inbound_request_url.clone(),
                Some(
                    "The Messaging Service's Request URL overrides the sender's own webhook; changing it changes \
                     every sender in that service."
                        .to_owned(),
                ),
            ),
            (Some(sender), service) => (
                RouteKind::SenderWebhook,
                Some(sender.sid.clone()),
                service.and_then(|s| s.friendly_name.clone()),
                sender.webhook.as_ref().and_then(|w| w.callback_url.clone()),
                service.map(|_| "Its Messaging Service defers to the sender's own webhook.".to_owned()),
            ),
            (None, _) => match twilio.incoming_number(creds, &number.number).await? {
                Some(found) if found.sms_application_sid.is_some() => (
                    RouteKind::PhoneNumber,
                    None,
                    None,
                    found.sms_url,
                    Some("A TwiML app handles this number's messages, so Twilio ignores its SmsUrl. Change it in the Twilio Console.".to_owned()),
                ),
                Some(found) => (RouteKind::PhoneNumber, Some(found.sid), None, found.sms_url, None),
                None if number.number == SANDBOX_NUMBER => (
                    RouteKind::Sandbox,
                    None,
                    None,
                    None,
                    Some(
                        "This is Twilio's WhatsApp Sandbox. Paste the inbound URL into \"When a message comes in\" \
                         in the Sandbox settings of the Twilio Console; Twilio's API cannot set it."
                            .to_owned(),
                    ),
                ),
                None => (
                    RouteKind::Unknown,
                    None,
                    None,
                    None,
                    Some(format!("This Twilio account has no WhatsApp sender or phone number {}.", number.number)),
                ),
            },
        };
        Ok(InboundRoute {
            number_id: number.id.clone(),
            number: number.number.clone(),
            owner: owner(current_url.as_deref(), ours),
            kind,
            twilio_sid,
            service_name,
            current_url,
            our_url: ours.to_owned(),
            note,
        })
    }
}

fn owner(current: Option<&str>, ours: &str) -> UrlOwner {
    match current {
        None => UrlOwner::Unset,
        Some(url) if url.trim_end_matches('/') == ours => UrlOwner::Ours,
        Some(url) if url.contains("webhooks.twilio.com") && url.contains("/Flows/") => UrlOwner::StudioFlow,
        Some(_) => UrlOwner::Elsewhere,
    }
}
