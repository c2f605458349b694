//! Account details → Validate: ask Twilio whether the saved credentials work, and keep the answer.

use chrono::Utc;

use crate::accounts::Accounts;
use crate::error::{ErrorCode, Result};
use crate::model::{Account, Verification, VerificationOutcome};
use crate::twilio::Twilio;

const TRIAL_WARNING: &str = "This is a Trial account: it can send only to numbers verified in the Twilio Console, \
    Twilio adds a trial notice to what it sends, and WhatsApp works only through the Sandbox. Upgrade it before going live.";

/// Checks the account's credentials against Twilio. The result is saved whatever it is; only
/// a missing credential or a local failure is an error.
pub async fn validate(accounts: &Accounts, twilio: &Twilio, id: &str) -> Result<Account> {
    let as_of = accounts.get(id).await?.updated_at;
    let creds = accounts.credentials(id).await?;
    let verification = match twilio.fetch_account(&creds).await {
        Ok(found) => {
            let active = found.status.as_deref() == Some("active");
            let message = (!active).then(|| {
                format!(
                    "Twilio says this account is {}: it cannot send or receive messages. Reactivate it in the Twilio Console.",
                    found.status.as_deref().unwrap_or("not active")
                )
            });
            Verification {
                outcome: if active { VerificationOutcome::Verified } else { VerificationOutcome::Failed },
                checked_at: Utc::now(),
                warning: (found.kind.as_deref() == Some("Trial")).then(|| TRIAL_WARNING.to_owned()),
                friendly_name: found.friendly_name,
                status: found.status,
                account_type: found.kind,
                error_code: None,
                message,
            }
        }
        Err(err) => Verification {
            outcome: if err.code == ErrorCode::Offline {
                VerificationOutcome::Offline
            } else {
                VerificationOutcome::Failed
            },
            checked_at: Utc::now(),
            friendly_name: None,
            status: None,
            account_type: None,
            warning: None,
            error_code: Some(err.code),
            message: Some(err.message),
        },
    };
    // If the account changed meanwhile, it shows as not verified rather than with this answer.
    accounts.record_verification(id, as_of, &verification).await?;
    accounts.get(id).await
}
