//! Checks the saved credentials with Twilio (Validate on Account details) and keeps the answer.

use chrono::Utc;

use crate::accounts::Accounts;
use crate::error::{Error, ErrorCode, Result};
use crate::model::{Account, CheckedResource, KeyAccess, Verification, VerificationOutcome};
use crate::twilio::{Credentials, Twilio};

/// Checks the account's credentials against Twilio. The result is saved whatever it is; only
/// a missing credential or a local failure is an error.
pub async fn check_credentials(accounts: &Accounts, twilio: &Twilio, id: &str) -> Result<Account> {
    let inputs = accounts.checked_inputs(id).await?;
    let creds = accounts.credentials(id).await?;
    let verification = check(twilio, &creds).await;
    if !accounts.record_verification(id, &inputs, &verification).await? {
        return Err(Error::changed_during_check());
    }
    accounts.get(id).await
}

/// The Auth token is checked by reading the Account resource. An API key may be a Standard key,
/// which Twilio refuses that resource with the same 20003 as a wrong secret, so a key is first
/// checked with a read that every key may make; only then is the account read as well.
async fn check(twilio: &Twilio, creds: &Credentials) -> Verification {
    let mut checked = Vec::new();
    if creds.is_api_key() {
        checked.push(CheckedResource::IncomingPhoneNumbers);
        if let Err(err) = twilio.probe_incoming_phone_numbers(creds).await {
            return failed(checked, err);
        }
    }
    checked.push(CheckedResource::Account);
    match twilio.fetch_account(creds).await {
        Ok(found) => {
            let status = found.status.as_deref().unwrap_or("unknown");
            let problem = (status != "active").then(|| Error::account_inactive(status).into());
            Verification {
                outcome: if problem.is_none() { VerificationOutcome::Verified } else { VerificationOutcome::Failed },
                checked_at: Utc::now(),
                friendly_name: found.friendly_name,
                status: found.status,
                account_type: found.kind,
                problem,
                checked,
                key_access: Some(KeyAccess::Full),
            }
        }
        // The same key just read the account's numbers, so this refusal is about the resource.
        Err(err) if creds.is_api_key() && err.code == ErrorCode::TwilioAuthFailed => Verification {
            outcome: VerificationOutcome::Verified,
            checked_at: Utc::now(),
            friendly_name: None,
            status: None,
            account_type: None,
            problem: None,
            checked,
            key_access: Some(KeyAccess::NoAccountAccess),
        },
        Err(err) => failed(checked, err),
    }
}

fn failed(checked: Vec<CheckedResource>, err: Error) -> Verification {
    Verification {
        outcome: if err.code == ErrorCode::Offline {
            VerificationOutcome::Offline
        } else {
            VerificationOutcome::Failed
        },
        checked_at: Utc::now(),
        friendly_name: None,
        status: None,
        account_type: None,
        problem: Some(err.into()),
        checked,
        key_access: None,
    }
}
