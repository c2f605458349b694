//! Where Twilio sends each number's inbound messages today, writing our inbound URL there and
//! undoing that, and drift: whether every number still posts to it.

mod applied;

use std::collections::HashMap;

use chrono::Utc;

use crate::accounts::Accounts;
use crate::error::{Error, ErrorCode, Result, Unsettable};
use crate::model::{
    DriftCheck, DriftOutcome, InboundRoute, NumberDrift, NumberState, RouteKind, RouteNote, UrlOwner, WhatsAppNumber,
    WhatsAppSender,
};
use crate::twilio::{ChannelsSender, Credentials, MessagingService, Twilio};

/// Twilio's shared WhatsApp Sandbox number, whose inbound URL only the Console can set.
pub const SANDBOX_NUMBER: &str = "+14155238886";

pub async fn whatsapp_senders(accounts: &Accounts, twilio: &Twilio, account_id: &str) -> Result<Vec<WhatsAppSender>> {
    let creds = accounts.credentials(account_id).await?;
    Ok(twilio
        .channels_senders(&creds)
        .await?
        .into_iter()
        .filter_map(|s| {
            let number = s.sender_id.as_deref()?.strip_prefix("whatsapp:")?.to_owned();
            Some(WhatsAppSender {
                number,
                callback_url: s.webhook.and_then(|w| w.callback_url),
                sid: s.sid,
                status: s.status,
            })
        })
        .collect())
}

/// Where each of the account's numbers sends its inbound messages now, with this desk's last
/// Apply of each. What it finds is a drift check too, and is kept as one, so that a check made
/// on the wizard's Callback page shows in the accounts list.
pub async fn routes(accounts: &Accounts, twilio: &Twilio, account_id: &str) -> Result<Vec<InboundRoute>> {
    let inputs = accounts.checked_inputs(account_id).await?;
    let surveyed = survey(accounts, twilio, account_id).await?;
    if !surveyed.is_empty() {
        let numbers = drift_of(&surveyed);
        let check = DriftCheck { outcome: outcome(&numbers), checked_at: Utc::now(), numbers, problem: None };
        // A late answer is not kept; the page still shows what Twilio said.
        accounts.record_drift(account_id, &inputs, &check).await?;
    }
    surveyed.into_iter().map(|(_, route)| route).collect()
}

/// Every number of the account with Twilio's route for it (or why it could not be read), and
/// this desk's last Apply of each. A failure to read the account as a whole is an error.
async fn survey(
    accounts: &Accounts,
    twilio: &Twilio,
    account_id: &str,
) -> Result<Vec<(WhatsAppNumber, Result<InboundRoute>)>> {
    let ours = accounts.inbound_url(account_id).await?;
    let account = accounts.get(account_id).await?;
    if account.numbers.is_empty() {
        return Ok(Vec::new());
    }
    let creds = accounts.credentials(account_id).await?;
    let view = TwilioView::read(twilio, &creds).await?;
    let mut applied = applied::active(accounts, account_id).await?;
    let mut surveyed = Vec::with_capacity(account.numbers.len());
    for number in account.numbers {
        let route = view.route(twilio, &creds, &number, &ours).await.map(|mut route| {
            route.applied = applied.remove(&number.id).map(|a| a.route);
            route
        });
        surveyed.push((number, route));
    }
    Ok(surveyed)
}

/// Writes our inbound URL where Twilio reads it for this number, keeps what it replaced, and
/// reads it back. `confirmed` is the URL the user saw before agreeing to replace it: if
/// Twilio's has changed since, nothing is written.
pub async fn apply(
    accounts: &Accounts,
    twilio: &Twilio,
    account_id: &str,
    number_id: &str,
    confirmed: Option<&str>,
) -> Result<InboundRoute> {
    let ours = accounts.inbound_url(account_id).await?;
    let (number, creds) = number_and_credentials(accounts, account_id, number_id).await?;
    let mut before = TwilioView::read(twilio, &creds).await?.route(twilio, &creds, &number, &ours).await?;
    if before.owner == UrlOwner::Ours {
        before.applied = applied::active(accounts, account_id).await?.remove(number_id).map(|a| a.route);
        return Ok(before);
    }
    unchanged_since_confirmed(&before, confirmed, &number)?;
    let (kind, sid) = (before.kind, write(twilio, &creds, &before, &ours).await?);
    applied::record(accounts, &number, kind, &sid, &ours, before.current_url.as_deref()).await?;
    log::info!("applied the inbound URL of account {account_id} to number {number_id}");
    read_back(accounts, twilio, &creds, &number, &ours, (kind, &sid, &ours)).await
}

/// "Restore previous": writes back the value that this desk's last Apply for the number
/// replaced, where that Apply wrote it, under the same guard as [`apply`].
pub async fn restore_previous(
    accounts: &Accounts,
    twilio: &Twilio,
    account_id: &str,
    number_id: &str,
    confirmed: Option<&str>,
) -> Result<InboundRoute> {
    let ours = accounts.inbound_url(account_id).await?;
    let (number, creds) = number_and_credentials(accounts, account_id, number_id).await?;
    let last = applied::active(accounts, account_id).await?.remove(number_id);
    let Some((last, previous)) = last.and_then(|a| a.route.replaced_url.clone().map(|url| (a, url))) else {
        return Err(Error::nothing_to_restore(&number.number));
    };
    let before = TwilioView::read(twilio, &creds).await?.route(twilio, &creds, &number, &ours).await?;
    let (kind, sid) = (last.route.kind, last.route.twilio_sid.clone());
    if (before.kind, before.twilio_sid.as_deref()) != (kind, Some(sid.as_str())) {
        return Err(Error::inbound_route_moved(&number.number));
    }
    unchanged_since_confirmed(&before, confirmed, &number)?;
    write(twilio, &creds, &before, &previous).await?;
    applied::mark_restored(accounts, &last).await?;
    log::info!("restored the previous inbound URL of number {number_id} of account {account_id}");
    read_back(accounts, twilio, &creds, &number, &ours, (kind, &sid, &previous)).await
}

/// Recomputes drift for every number and keeps the result with its time.
pub async fn check_drift(accounts: &Accounts, twilio: &Twilio, account_id: &str) -> Result<DriftCheck> {
    let inputs = accounts.checked_inputs(account_id).await?;
    let surveyed = survey(accounts, twilio, account_id).await.and_then(|surveyed| match surveyed.is_empty() {
        true => Err(Error::incomplete("number")),
        false => Ok(drift_of(&surveyed)),
    });
    let check = match surveyed {
        Ok(numbers) => DriftCheck { outcome: outcome(&numbers), checked_at: Utc::now(), numbers, problem: None },
        Err(err)
            if matches!(err.code, ErrorCode::NotFound | ErrorCode::Storage | ErrorCode::CallbackBaseUrlMissing) =>
        {
            return Err(err)
        }
        Err(err) => DriftCheck {
            outcome: if err.code == ErrorCode::Offline { DriftOutcome::Offline } else { DriftOutcome::Failed },
            checked_at: Utc::now(),
            numbers: Vec::new(),
            problem: Some(err.into()),
        },
    };
    if !accounts.record_drift(account_id, &inputs, &check).await? {
        return Err(Error::changed_during_check());
    }
    Ok(check)
}

/// Each number's state: Twilio's route for it against our inbound URL and this desk's Applies.
/// A number that cannot be checked fails alone.
fn drift_of(surveyed: &[(WhatsAppNumber, Result<InboundRoute>)]) -> Vec<NumberDrift> {
    surveyed
        .iter()
        .map(|(number, route)| {
            let state = route.as_ref().map_err(Clone::clone).and_then(|route| state(route, route.applied.is_some()));
            let (state, problem) = match state {
                Ok(state) => (state, None),
                Err(err) => (NumberState::Failed, Some(err.into())),
            };
            NumberDrift {
                number_id: number.id.clone(),
                name: number.name.clone(),
                number: number.number.clone(),
                state,
                problem,
            }
        })
        .collect()
}

/// In sync when Twilio posts to our URL; otherwise drifted if this desk applied it, not set up
/// if not. A route that Twilio's API cannot set cannot be checked either.
fn state(route: &InboundRoute, applied: bool) -> Result<NumberState> {
    if route.twilio_sid.is_none() {
        return Err(unsettable(route));
    }
    Ok(match (route.owner, applied) {
        (UrlOwner::Ours, _) => NumberState::InSync,
        (_, true) => NumberState::Drifted,
        (_, false) => NumberState::NotApplied,
    })
}

/// The account's state is its worst number's: drifted, then failed, then not set up.
fn outcome(numbers: &[NumberDrift]) -> DriftOutcome {
    let any = |state| numbers.iter().any(|n| n.state == state);
    if any(NumberState::Drifted) {
        DriftOutcome::Drifted
    } else if any(NumberState::Failed) {
        DriftOutcome::Failed
    } else if any(NumberState::NotApplied) {
        DriftOutcome::NotApplied
    } else {
        DriftOutcome::InSync
    }
}

async fn number_and_credentials(
    accounts: &Accounts,
    account_id: &str,
    number_id: &str,
) -> Result<(WhatsAppNumber, Credentials)> {
    let account = accounts.get(account_id).await?;
    let number = account.numbers.into_iter().find(|n| n.id == number_id).ok_or_else(Error::number_not_found)?;
    Ok((number, accounts.credentials(account_id).await?))
}

fn unchanged_since_confirmed(now: &InboundRoute, confirmed: Option<&str>, number: &WhatsAppNumber) -> Result<()> {
    if now.current_url.as_deref() == confirmed {
        return Ok(());
    }
    Err(Error::inbound_url_changed(&number.number, now.current_url.as_deref()))
}

/// Writes `url` where Twilio reads the route's inbound URL; returns the SID written to.
async fn write(twilio: &Twilio, creds: &Credentials, route: &InboundRoute, url: &str) -> Result<String> {
    let Some(sid) = route.twilio_sid.clone() else { return Err(unsettable(route)) };
    match route.kind {
        RouteKind::SenderWebhook => twilio.set_sender_webhook(creds, &sid, url).await?,
        RouteKind::MessagingService => twilio.set_service_inbound_request_url(creds, &sid, url).await?,
        RouteKind::PhoneNumber => twilio.set_number_sms_url(creds, &sid, url).await?,
        RouteKind::Sandbox | RouteKind::Unknown => return Err(unsettable(route)),
    }
    Ok(sid)
}

/// Why Twilio's API cannot set where the route's messages go.
fn unsettable(route: &InboundRoute) -> Error {
    match route.note {
        Some(RouteNote::Sandbox) => Error::cannot_apply(Unsettable::Sandbox),
        Some(RouteNote::TwimlApp) => Error::cannot_apply(Unsettable::TwimlApp),
        _ => Error::number_not_in_twilio(&route.number),
    }
}

/// The number's route after `written` went to `kind`'s `sid`. Twilio answers a sender change
/// with 202 and applies it later, so a sender is read until it shows the value, for a bounded
/// time; if it never does, the route says the change is pending.
async fn read_back(
    accounts: &Accounts,
    twilio: &Twilio,
    creds: &Credentials,
    number: &WhatsAppNumber,
    ours: &str,
    (kind, sid, written): (RouteKind, &str, &str),
) -> Result<InboundRoute> {
    let shown = kind != RouteKind::SenderWebhook || twilio.sender_shows(creds, sid, written).await?;
    let mut route = TwilioView::read(twilio, creds).await?.route(twilio, creds, number, ours).await?;
    let now_shown = route.current_url.as_deref().is_some_and(|url| same_url(url, written));
    route.pending = !shown && !now_shown;
    route.applied = applied::active(accounts, &number.account_id).await?.remove(&number.id).map(|a| a.route);
    Ok(route)
}

/// The account's senders and Messaging Services, with the senders and numbers each service
/// holds, read once per check.
struct TwilioView {
    /// By sender address, `whatsapp:+E164`.
    senders: HashMap<String, ChannelsSender>,
    /// By the address of a sender attached to the service.
    service_of_sender: HashMap<String, MessagingService>,
    /// By the E.164 value of a number in the service's number pool.
    service_of_number: HashMap<String, MessagingService>,
}

impl TwilioView {
    async fn read(twilio: &Twilio, creds: &Credentials) -> Result<Self> {
        let senders =
            twilio.channels_senders(creds).await?.into_iter().filter_map(|s| Some((s.sender_id.clone()?, s))).collect();
        let (mut service_of_sender, mut service_of_number) = (HashMap::new(), HashMap::new());
        for service in twilio.messaging_services(creds).await? {
            for member in twilio.service_channel_senders(creds, &service.sid).await? {
                if let Some(address) = member.sender {
                    service_of_sender.insert(address, service.clone());
                }
            }
            for member in twilio.service_phone_numbers(creds, &service.sid).await? {
                if let Some(number) = member.phone_number {
                    service_of_number.insert(number, service.clone());
                }
            }
        }
        Ok(Self { senders, service_of_sender, service_of_number })
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
        // A sender attached to a service is the closer tie than its number being in a pool.
        let service = self.service_of_sender.get(&address).or_else(|| self.service_of_number.get(&number.number));
        let (kind, twilio_sid, service_name, current_url, note) = match (sender, service) {
            // Without a Request URL such a service drops inbound messages: it still decides.
            (_, Some(service)) if !service.use_inbound_webhook_on_number => (
                RouteKind::MessagingService,
                Some(service.sid.clone()),
                service.friendly_name.clone(),
                service.inbound_request_url.clone(),
                Some(RouteNote::ServiceOverrides),
            ),
            (Some(sender), service) => (
                RouteKind::SenderWebhook,
                Some(sender.sid.clone()),
                service.and_then(|s| s.friendly_name.clone()),
                sender.webhook.as_ref().and_then(|w| w.callback_url.clone()),
                service.map(|_| RouteNote::ServiceDefers),
            ),
            (None, _) => match twilio.incoming_phone_number(creds, &number.number).await? {
                Some(found) if found.sms_application_sid.is_some() => {
                    (RouteKind::PhoneNumber, None, None, found.sms_url, Some(RouteNote::TwimlApp))
                }
                Some(found) => (RouteKind::PhoneNumber, Some(found.sid), None, found.sms_url, None),
                None if number.number == SANDBOX_NUMBER => {
                    (RouteKind::Sandbox, None, None, None, Some(RouteNote::Sandbox))
                }
                None => (RouteKind::Unknown, None, None, None, Some(RouteNote::NotInTwilio)),
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
            inbound_url: ours.to_owned(),
            note,
            pending: false,
            applied: None,
        })
    }
}

fn owner(current: Option<&str>, ours: &str) -> UrlOwner {
    match current {
        None => UrlOwner::Unset,
        Some(url) if same_url(url, ours) => UrlOwner::Ours,
        Some(url) if url.contains("webhooks.twilio.com") && url.contains("/Flows/") => UrlOwner::StudioFlow,
        Some(_) => UrlOwner::Elsewhere,
    }
}

/// Whether two URLs are the same one, as Twilio may add or drop a trailing slash.
fn same_url(a: &str, b: &str) -> bool {
    a.trim_end_matches('/') == b.trim_end_matches('/')
}
