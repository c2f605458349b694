//! The one error shape, down to the UI, and every English sentence Rust says about a problem.
//!
//! The UI renders each message in the user's language from `code`, `field` and `params`; the
//! table on [`ErrorCode`] is what its catalog translates from. Rust keeps an English `message`
//! for logs and the command line to come.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What went wrong, in a form the UI can act on: it switches on `code`, renders the message
/// from `code`, `field` and `params`, and shows it under `field` when there is one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Error {
    pub code: ErrorCode,
    /// English, for logs and the command line; it does not cross IPC (the UI renders from code
    /// and params).
    #[serde(skip)]
    #[ts(skip)]
    pub message: String,
    /// The form field the error belongs to, as the UI names it (`accountSid`, `number`, …).
    pub field: Option<String>,
    /// The values the message puts in its words, as listed in the table on [`ErrorCode`] (error.rs).
    #[ts(type = "Record<string, string | number>")]
    pub params: Params,
    /// The page's other problems, when a save is refused for several at once; empty otherwise.
    pub more: Vec<Error>,
}

/// A value in a message: a number, or text that is data (a name, a number, a URL, Twilio's own
/// words, a token from the table on [`ErrorCode`]), never a sentence of ours.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Param {
    Number(i64),
    Text(String),
}

pub type Params = BTreeMap<String, Param>;

impl From<&str> for Param {
    fn from(value: &str) -> Self {
        Param::Text(value.to_owned())
    }
}

impl From<String> for Param {
    fn from(value: String) -> Self {
        Param::Text(value)
    }
}

impl From<usize> for Param {
    fn from(value: usize) -> Self {
        Param::Number(value as i64)
    }
}

impl From<u16> for Param {
    fn from(value: u16) -> Self {
        Param::Number(value.into())
    }
}

impl From<i64> for Param {
    fn from(value: i64) -> Self {
        Param::Number(value)
    }
}

impl From<u32> for Param {
    fn from(value: u32) -> Self {
        Param::Number(value.into())
    }
}

/// A problem kept with a stored answer (a credential check, a drift check): an [`Error`]
/// without its English.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Problem {
    pub code: ErrorCode,
    #[serde(default)]
    pub field: Option<String>,
    #[serde(default)]
    #[ts(type = "Record<string, string | number>")]
    pub params: Params,
}

impl From<Error> for Problem {
    fn from(err: Error) -> Self {
        Problem { code: err.code, field: err.field, params: err.params }
    }
}

/// Every code, with the `field` it comes on and the `params` its message uses. A param marked
/// "optional" may be missing; every other one is always there. A `reason` is one of the tokens
/// listed, for the UI to map to its own words.
///
/// Where a message names the field (`required`, `too_long`, `out_of_range`, `not_a_whole_number`,
/// `incomplete`, `credentials_missing`, `secret_lost`), the catalog names it from `field`: `name`
/// (Account name), `numberName`, `number`, `accountSid`, `apiKeySid`, `authToken`, `apiKeySecret`,
/// `callbackBaseUrl`, `url`; for queues and workstreams `queueName`, `workstreamName`,
/// `fallbackQueueName`, `fallbackQueue`, `mode`, `autoCloseAfterMinutes`, `capacityUnits`,
/// `capacityProfile`, `wrapUpMinutes`, `allowedPresences`, `keepSameAgent`, `botName`,
/// `sessionTemplate`, `agentNotificationTemplate`, `contextVariables.<i>.name`,
/// `quickReplies.<i>.title`, `quickReplies.<i>.text`; for the WhatsApp setup `setupNumber`,
/// `setupLanguage`, `automatedMessages.<i>.trigger`, `automatedMessages.<i>.text`,
/// `surveyReference`, `surveyMessage`, `surveyDelivery`, `templates.<i>.contentSid`,
/// `templates.<i>.language`, `templates.<i>.text`, `attachments`; for the template library
/// `templateName`, `templateLanguage`, `templateAccount`. `<i>` is the item's 0-based
/// index in the list that was sent.
///
/// | code | field | params | says |
/// |---|---|---|---|
/// | `required` | the field | — | The field is required. |
/// | `too_long` | any text field | `max`, `actual` (characters) | The field can be at most `max` characters; this one has `actual`. |
/// | `out_of_range` | `autoCloseAfterMinutes`, `capacityUnits`, `wrapUpMinutes` | `min`, `max`, `actual` | The field must be from `min` to `max`; this one is `actual`. |
/// | `not_a_whole_number` | any number field | — | The field must be a whole number. The UI's own check, before a number reaches Rust; Rust never sends it. |
/// | `duplicate_name` | `name`, `queueName`, `fallbackQueueName`, `workstreamName`, `contextVariables.<i>.name`, `templateName`, `templateLanguage` | `what`: `account`, `queue`, `workstream`, `context_variable`, `template` (in the same account), `template_language` (`name` is the language code); `name`: the other one's name, as written there | Another `what` is already named `name`; names must differ by more than case. With `template_language`: this template already has a draft in `name`. |
/// | `invalid_account_sid` | `accountSid` | — | An Account SID is AC and 32 hexadecimal digits; copy it from the Console's Account Info. |
/// | `invalid_api_key_sid` | `apiKeySid` | — | An API key SID is SK and 32 hexadecimal digits; find it under Account → API keys & tokens. |
/// | `invalid_phone_number` | `number` | `reason`: `no_plus`, `letters`, `unreadable`, `not_valid_for_country` | A number is international format with a leading +, such as +14155238886; why this one is not. |
/// | `duplicate_number` | `number` | `number` (E.164) | `number` is already on this account. |
/// | `invalid_url` | `callbackBaseUrl`, `url` or `surveyReference` | `reason`: `not_a_url`, `not_https`, `no_host`, `query_or_fragment`, `user_info` (callback base URL); `not_twilio` (`url`); `not_a_url`, `not_https` (`surveyReference`) | The callback base URL must be an https:// address such as https://desk.example.com, and why this one is not; or: only https links to twilio.com open from here; or: a survey given as a link must be a complete https:// address. |
/// | `not_found` | — (`fallbackQueue` for a fallback queue) | `what`: `account`, `number`, `queue`, `workstream`, `template` | It no longer exists; reload the list. |
/// | `incomplete` | `accountSid`, `authToken`, `apiKeySecret`, `number` | — | Enter that field on Account details; with `number`: add at least one WhatsApp number. |
/// | `last_number` | — | — | A complete account needs a WhatsApp number; add another before removing this one. |
/// | `callback_base_url_missing` | `callbackBaseUrl` | — | Set the callback base URL in Settings first. |
/// | `keyring_unavailable` | — | `os`: `linux`, `macos`, `windows` (or another OS name) | The OS keyring could not be reached, and how to get one on that OS; what was typed is kept. |
/// | `keyring_locked` | — | `os` | The OS keyring is locked or refused access; unlock it. What was typed is kept. |
/// | `secret_lost` | `authToken`, `apiKeySecret` | — | The keyring no longer has this secret (reset, or a folder from another computer); enter it again. |
/// | `credentials_missing` | `accountSid`, `apiKeySid`, `authToken`, `apiKeySecret` | — | Enter that field on Account details first. |
/// | `offline` | — | `host` | Could not reach `host`: this computer seems offline. Work is saved. |
/// | `connection_failed` | — | `host` | The connection to `host` failed. |
/// | `twilio_timeout` | — | `host` | `host` did not answer in time; nothing was assumed. |
/// | `twilio_auth_failed` | — | Twilio's answer (below) | Twilio refused these credentials; check the SID and the token or API key. |
/// | `twilio_not_found` | — | Twilio's answer | Twilio has no such resource on this account. |
/// | `twilio_rate_limited` | — | Twilio's answer | Twilio is limiting this account's requests; wait a minute. |
/// | `twilio_unavailable` | — | Twilio's answer | Twilio is having trouble; try again in a few minutes. |
/// | `twilio_rejected` | — | Twilio's answer | Twilio refused the request. |
/// | `twilio_bad_response` | — | — | Twilio sent an answer Channel Desk could not read; nothing was changed. |
/// | `account_inactive` | — | `status`: Twilio's account status (`suspended`, `closed`) | Twilio says this account is `status`: it cannot send or receive; reactivate it. |
/// | `cannot_apply` | — | `reason`: `sandbox`, `twiml_app` | Twilio's API cannot set where this number's messages go (the Sandbox: paste the inbound URL into the Console's Sandbox settings; a TwiML app: change it in the Console). |
/// | `number_not_in_twilio` | — | `number` (E.164) | This Twilio account has no WhatsApp sender or phone number `number`. |
/// | `inbound_changed` | — | `number`; `reason`: `url_changed` (with `currentUrl`, optional: absent when none is set), `route_moved` | Twilio's URL for `number` changed since you confirmed (it is now `currentUrl`), or no longer comes from where this desk applied it. Review it. |
/// | `nothing_to_restore` | — | `number` | This desk replaced no inbound URL of `number`, so there is nothing to restore. |
/// | `changed_during_check` | — | — | The credentials, numbers or callback base URL changed while Twilio was asked; check again. |
/// | `invalid_host_override` | — | `variable` (an environment variable's name); `reason`: `not_a_url`, `not_https` | That variable does not hold a usable Twilio host: https://, or http:// on this machine. |
/// | `clipboard` | — | — | Could not put the URL on the clipboard; copy it by hand. |
/// | `browser` | — | `url` | Could not open `url` in the browser; open it by hand. |
/// | `mode_locked` | `mode` | — | The work distribution mode is set when the workstream is created and cannot change. |
/// | `push_only` | `keepSameAgent`, `botName` | — | Only push workstreams may keep the same agent or have a bot. |
/// | `none_chosen` | `allowedPresences`, `attachments` | — | Choose at least one presence; or: choose who may send attachments, or turn them off. |
/// | `default_queue` | — | — | The default messaging queue cannot be deleted (it can be renamed). |
/// | `queue_in_use` | — | `names` (a JSON array of the workstreams' names), `count` | The queue is the fallback queue of these workstreams; give them another first. |
/// | `used_by_workstreams` | — | `what`: `account`, `number`; `names` (a JSON array of the workstreams' names), `count` | These workstreams use the account's numbers, or the number: unbind it from them, or cancel. |
/// | `number_in_use` | `setupNumber` | `workstream`: the other workstream's name | The workstream `workstream` already uses this number; a number serves one workstream. |
/// | `account_not_complete` | `setupNumber` | `account`: the account's name | The number's account is still a draft: finish its wizard first. |
/// | `unknown_language` | `setupLanguage`, `templates.<i>.language` | `language`: the code sent | `language` is not in WhatsApp's list of template languages. |
/// | `repeated_trigger` | `automatedMessages.<i>.trigger` | `trigger`: the `MessageTrigger` token | This trigger already has an automated message; each trigger is used once. |
/// | `unknown_placeholder` | `automatedMessages.<i>.text` | `placeholder`: as written, with its braces | Only `{AgentName}` and `{QueueName}` are placeholders. |
/// | `not_for_whatsapp` | `surveyDelivery` | — | WhatsApp only sends the survey as a link in the conversation. |
/// | `invalid_content_sid` | `templates.<i>.contentSid` | — | A Content SID is HX and 32 hexadecimal digits. |
/// | `duplicate_content_sid` | `templates.<i>.contentSid` | `contentSid`: as typed the first time | This template is already in the channel's list; each is added once. |
/// | `template_has_errors` | — | `count` | The linter finds `count` errors in this template; fix them before publishing. |
/// | `already_published` | — | `contentSid` | This language is already in Twilio as `contentSid`; edit it to make a new revision. |
/// | `cannot_cancel` | — | `reason`: `running` (a run is sending it: stop the run), `in_twilio` (Twilio already has its content) | This outbox item cannot be cancelled now, and why. |
/// | `content_ambiguous` | — | `friendlyName`, `count` | A create whose answer was lost may have made any of `count` contents named `friendlyName` in Twilio; delete the extra ones in the Console, then retry. |
/// | `setup_incomplete` | — | `step`: `number`, `language` | Choose a WhatsApp number (or a language) before finishing. |
/// | `storage` | — | `reason`: `database`, `migration`, `no_data_folder` (with `variable`), `create_folder` (with `path`), `move_folder` (with `from`, `to`) | The local database or data folder failed; nothing was changed. |
///
/// Twilio's answer, on every `twilio_*` code but `twilio_timeout` and `twilio_bad_response`:
/// `httpStatus` (missing from some answers kept by earlier versions), and when Twilio said them, `twilioCode`
/// (its error number, such as 20003), `twilioMessage` (its own words) and `moreInfo` (the URL of
/// its page about the error).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
#[ts(export)]
pub enum ErrorCode {
    Required,
    TooLong,
    DuplicateName,
    InvalidAccountSid,
    InvalidApiKeySid,
    InvalidPhoneNumber,
    DuplicateNumber,
    InvalidUrl,
    NotFound,
    Incomplete,
    LastNumber,
    CallbackBaseUrlMissing,
    /// No keyring service to keep secrets in.
    KeyringUnavailable,
    /// The keyring is there but locked, or refused access.
    KeyringLocked,
    /// The row points at a secret that the keyring no longer has: it was reset, or the data
    /// folder came from another computer. The secret must be typed again.
    SecretLost,
    /// A Twilio check needs credentials the account does not have yet.
    CredentialsMissing,
    Offline,
    ConnectionFailed,
    TwilioAuthFailed,
    TwilioNotFound,
    TwilioRateLimited,
    TwilioUnavailable,
    TwilioTimeout,
    TwilioBadResponse,
    TwilioRejected,
    /// Twilio answered for the account, and it is not active.
    AccountInactive,
    /// The inbound URL cannot be set through Twilio's API for this number.
    CannotApply,
    NumberNotInTwilio,
    /// Twilio's URL changed between the user's confirmation and the write.
    InboundChanged,
    /// "Restore previous" found no URL that this desk's Apply replaced.
    NothingToRestore,
    /// What a Twilio check looked at (credentials, numbers, inbound URLs) changed while it ran;
    /// its answer was dropped. Check again.
    ChangedDuringCheck,
    InvalidHostOverride,
    /// Typed into a number field but not a whole number; the UI's own check, never sent by Rust.
    NotAWholeNumber,
    OutOfRange,
    /// A workstream's work distribution mode is set at creation and never changes.
    ModeLocked,
    /// A setting that only push workstreams may have.
    PushOnly,
    /// A choice of several that needs at least one.
    NoneChosen,
    /// The default queue cannot be deleted.
    DefaultQueue,
    /// A queue that is some workstream's fallback queue cannot be deleted.
    QueueInUse,
    /// Deleting the account or number would leave workstreams without their number; the user
    /// decides to unbind or not.
    UsedByWorkstreams,
    /// The number already serves another workstream.
    NumberInUse,
    /// The number belongs to an account that is still a draft.
    AccountNotComplete,
    UnknownLanguage,
    RepeatedTrigger,
    UnknownPlaceholder,
    NotForWhatsapp,
    InvalidContentSid,
    DuplicateContentSid,
    /// Finish, with the number or the language still to choose.
    SetupIncomplete,
    /// Publishing a template the linter finds errors in.
    TemplateHasErrors,
    AlreadyPublished,
    CannotCancel,
    /// Twilio holds several contents that a create whose answer was lost may have made.
    ContentAmbiguous,
    /// A bundle file refused before anything was imported; `params.rule` says why and
    /// `params.pointer` where (a JSON pointer such as `/workstreams/2/name`).
    BundleInvalid,
    /// A new passphrase typed twice, differently.
    PassphrasesDiffer,
    Clipboard,
    Browser,
    Storage,
}

pub type Result<T> = std::result::Result<T, Error>;

/// Why a typed number is not a valid E.164 number.
#[derive(Debug, Clone, Copy, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NumberIssue {
    NoPlus,
    Letters,
    Unreadable,
    NotValidForCountry,
}

/// Why a URL is refused.
#[derive(Debug, Clone, Copy, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum UrlIssue {
    NotAUrl,
    NotHttps,
    NoHost,
    QueryOrFragment,
    UserInfo,
    NotTwilio,
}

/// Why Twilio's API cannot set a number's inbound URL.
#[derive(Debug, Clone, Copy, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unsettable {
    /// Twilio's shared WhatsApp Sandbox number: only the Console sets its URL.
    Sandbox,
    /// A TwiML app handles the number's messages, and Twilio ignores its SmsUrl.
    TwimlApp,
}

/// What a `duplicate_name` is the name of.
#[derive(Debug, Clone, Copy, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Named {
    Account,
    Queue,
    Workstream,
    ContextVariable,
    Template,
    TemplateLanguage,
    Environment,
}

/// Names as one param: a JSON array, which the UI lists in its language's way.
fn json_list(names: &[String]) -> String {
    serde_json::to_string(names).expect("strings serialize")
}

/// A token's name as it crosses IPC: the serde name of a unit variant.
fn token(value: impl Serialize) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(token)) => token,
        other => unreachable!("a token serializes to a string, not {other:?}"),
    }
}

/// The English name of a form field, for the messages that name one. A list item's field
/// (`quickReplies.2.title`) is named without its index.
fn label(field: &str) -> &str {
    let item = match field.split('.').collect::<Vec<_>>()[..] {
        [list, index, part] if index.parse::<usize>().is_ok() => Some((list, part)),
        _ => None,
    };
    if let Some(names) = item.and_then(|(list, part)| item_label(list, part)) {
        return names;
    }
    match field {
        "name" => "Account name",
        "numberName" => "Number name",
        "number" => "Number",
        "accountSid" => "Account SID",
        "apiKeySid" => "API key SID",
        "authToken" => "Auth token",
        "apiKeySecret" => "API key secret",
        "callbackBaseUrl" => "Callback base URL",
        "url" => "Link",
        "queueName" => "Queue name",
        "workstreamName" => "Workstream name",
        "fallbackQueueName" => "Fallback queue name",
        "fallbackQueue" => "Fallback queue",
        "mode" => "Work distribution mode",
        "autoCloseAfterMinutes" => "Auto-close after inactivity (minutes)",
        "capacityUnits" => "Capacity units",
        "capacityProfile" => "Capacity profile",
        "wrapUpMinutes" => "Wrap-up time (minutes)",
        "allowedPresences" => "Allowed presences",
        "keepSameAgent" => "Keep the same agent for the entire conversation",
        "botName" => "Bot name",
        "sessionTemplate" => "Session template",
        "agentNotificationTemplate" => "Agent notification template",
        "setupNumber" => "WhatsApp number",
        "setupLanguage" => "Language",
        "surveyReference" => "Survey",
        "surveyMessage" => "Survey message",
        "surveyDelivery" => "How to send the survey",
        "attachments" => "File attachments",
        "templateName" => "Template name",
        "environmentName" => "Environment name",
        "templateLanguage" => "Language",
        "templateAccount" => "Messaging account",
        other => other,
    }
}

fn item_label(list: &str, part: &str) -> Option<&'static str> {
    Some(match (list, part) {
        ("contextVariables", "name") => "Context variable name",
        ("quickReplies", "title") => "Quick reply title",
        ("quickReplies", "text") => "Quick reply text",
        ("automatedMessages", "trigger") => "Message trigger",
        ("automatedMessages", "text") => "Automated message",
        ("templates", "contentSid") => "Content SID",
        ("templates", "language") => "Default language",
        ("templates", "text") => "WhatsApp approved text",
        _ => return None,
    })
}

impl Error {
    fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self { code, message: message.into(), field: None, params: Params::new(), more: Vec::new() }
    }

    fn on(code: ErrorCode, field: &str, message: impl Into<String>) -> Self {
        Self { field: Some(field.to_owned()), ..Self::new(code, message) }
    }

    pub(crate) fn with(mut self, key: &str, value: impl Into<Param>) -> Self {
        self.params.insert(key.to_owned(), value.into());
        self
    }

    /// The first of a page's problems, carrying the others in `more`; `None` when there are none.
    pub fn all(problems: impl IntoIterator<Item = Error>) -> Option<Error> {
        let mut problems = problems.into_iter();
        let mut first = problems.next()?;
        first.more.extend(problems);
        Some(first)
    }

    // Field rules.

    pub fn required(field: &str) -> Self {
        Self::on(ErrorCode::Required, field, format!("{} is required.", label(field)))
    }

    pub fn too_long(field: &str, max: usize, actual: usize) -> Self {
        let message = format!("{} can be at most {max} characters; this one has {actual}.", label(field));
        Self::on(ErrorCode::TooLong, field, message).with("max", max).with("actual", actual)
    }

    /// An account's name that another account has, as written there.
    pub fn duplicate_name(taken: &str) -> Self {
        Self::duplicate(Named::Account, "name", taken)
    }

    /// A name that another `what` has (`taken`, as written there), on `field`.
    pub fn duplicate(what: Named, field: &str, taken: &str) -> Self {
        let noun = match what {
            Named::Account => "account",
            Named::Queue => "queue",
            Named::Workstream => "workstream",
            Named::ContextVariable => "context variable",
            Named::Template => "template in this account",
            Named::Environment => "environment",
            Named::TemplateLanguage => {
                let message = format!("This template already has a draft in {taken}; open that one.");
                return Self::on(ErrorCode::DuplicateName, field, message)
                    .with("what", token(what))
                    .with("name", taken);
            }
        };
        let message = format!(
            "Another {noun} is already named \"{taken}\", and names must differ by more than upper and lower case. \
             Choose another."
        );
        Self::on(ErrorCode::DuplicateName, field, message).with("what", token(what)).with("name", taken)
    }

    /// A whole number outside `min..=max` on `field`.
    pub fn out_of_range(field: &str, min: i64, max: i64, actual: i64) -> Self {
        let message = format!("{} must be from {min} to {max}; this one is {actual}.", label(field));
        Self::on(ErrorCode::OutOfRange, field, message).with("min", min).with("max", max).with("actual", actual)
    }

    pub fn invalid_account_sid() -> Self {
        Self::on(
            ErrorCode::InvalidAccountSid,
            "accountSid",
            "Account SID must be AC followed by 32 hexadecimal digits (34 characters). \
             Copy it from the Twilio Console's Account Info panel.",
        )
    }

    pub fn invalid_api_key_sid() -> Self {
        Self::on(
            ErrorCode::InvalidApiKeySid,
            "apiKeySid",
            "API key SID must be SK followed by 32 hexadecimal digits (34 characters). \
             Create or find it in the Twilio Console under Account → API keys & tokens.",
        )
    }

    pub fn invalid_phone_number(issue: NumberIssue) -> Self {
        let why = match issue {
            NumberIssue::NoPlus => "this one has no leading +",
            NumberIssue::Letters => "this one has letters in it; type the digits",
            NumberIssue::Unreadable => "this one could not be read as a phone number",
            NumberIssue::NotValidForCountry => "this one is not a valid number for its country code",
        };
        let message = format!("Number must be in international format with a leading +, such as +14155238886; {why}.");
        Self::on(ErrorCode::InvalidPhoneNumber, "number", message).with("reason", token(issue))
    }

    pub fn duplicate_number(number: &str) -> Self {
        let message = format!("{number} is already on this account. Each number can be added once.");
        Self::on(ErrorCode::DuplicateNumber, "number", message).with("number", number)
    }

    pub fn invalid_url(field: &str, issue: UrlIssue) -> Self {
        let why = match issue {
            UrlIssue::NotAUrl => "this one is not a complete URL",
            UrlIssue::NotHttps => "Twilio only posts to this tool over https",
            UrlIssue::NoHost => "this one has no host name",
            UrlIssue::QueryOrFragment => "remove the ?query or #fragment",
            UrlIssue::UserInfo => "remove the user name and password from it",
            UrlIssue::NotTwilio => {
                return Self::on(ErrorCode::InvalidUrl, field, "Only https:// links to twilio.com open from here.")
                    .with("reason", token(issue))
            }
        };
        let message = format!("{} must be an https:// address such as https://desk.example.com; {why}.", label(field));
        Self::on(ErrorCode::InvalidUrl, field, message).with("reason", token(issue))
    }

    /// A survey given as a link that is not a complete https:// address.
    pub fn survey_url(issue: UrlIssue) -> Self {
        let message = match issue {
            UrlIssue::NotHttps => "A survey link must be an https:// address.",
            _ => "This survey link is not a complete URL; give a complete https:// address, or the survey's name.",
        };
        Self::on(ErrorCode::InvalidUrl, "surveyReference", message).with("reason", token(issue))
    }

    // Accounts and their pages.

    pub fn account_not_found() -> Self {
        Self::new(ErrorCode::NotFound, "This account no longer exists. It may have been deleted; reload the list.")
            .with("what", "account")
    }

    pub fn number_not_found() -> Self {
        Self::new(
            ErrorCode::NotFound,
            "This WhatsApp number no longer exists. It may have been deleted; reload the list.",
        )
        .with("what", "number")
    }

    pub fn queue_not_found() -> Self {
        Self::new(ErrorCode::NotFound, "This queue no longer exists. It may have been deleted; reload the list.")
            .with("what", "queue")
    }

    /// The fallback queue chosen for a workstream no longer exists.
    pub fn fallback_queue_not_found() -> Self {
        Self { field: Some("fallbackQueue".to_owned()), ..Self::queue_not_found() }
    }

    pub fn workstream_not_found() -> Self {
        Self::new(ErrorCode::NotFound, "This workstream no longer exists. It may have been deleted; reload the list.")
            .with("what", "workstream")
    }

    pub fn environment_not_found(name: &str) -> Self {
        let message = format!("There is no environment named \"{name}\"; see the list of environments.");
        Self::new(ErrorCode::NotFound, message).with("what", "environment").with("name", name)
    }

    pub fn template_not_found() -> Self {
        Self::new(ErrorCode::NotFound, "This template no longer exists. It may have been deleted; reload the list.")
            .with("what", "template")
    }

    /// Done, with a page left to fill in: `field` names what is missing.
    pub fn incomplete(field: &str) -> Self {
        let message = match field {
            "number" => "Add at least one WhatsApp number.".to_owned(),
            _ => format!("Enter the {} on the Account details page.", label(field)),
        };
        Self::on(ErrorCode::Incomplete, field, message)
    }

    pub fn last_number() -> Self {
        Self::new(
            ErrorCode::LastNumber,
            "A complete account needs at least one WhatsApp number. Add another number before removing this one.",
        )
    }

    pub fn callback_base_url_missing() -> Self {
        Self::on(
            ErrorCode::CallbackBaseUrlMissing,
            "callbackBaseUrl",
            "Set the callback base URL first: the https:// address where this desk receives Twilio's messages.",
        )
    }

    /// A Twilio check, before the account has its credentials: `field` names the one missing.
    pub fn credentials_missing(field: &str) -> Self {
        let message = format!("Enter the {} on the Account details page first.", label(field));
        Self::on(ErrorCode::CredentialsMissing, field, message)
    }

    /// The secret of `field` (`authToken` or `apiKeySecret`) is no longer in the keyring.
    pub fn secret_lost(field: &str) -> Self {
        let secret = label(field);
        let message = format!(
            "The OS keyring no longer has this account's {secret}: the keyring was reset, or this data folder \
             comes from another computer. Enter the {secret} again on the Account details page."
        );
        Self::on(ErrorCode::SecretLost, field, message)
    }

    // Queues and workstreams.

    pub fn mode_locked() -> Self {
        Self::on(
            ErrorCode::ModeLocked,
            "mode",
            "The work distribution mode is set when the workstream is created and cannot be changed. Create \
             another workstream for the other mode.",
        )
    }

    /// A setting on `field` (`keepSameAgent`, `botName`) that only push workstreams may have.
    pub fn push_only(field: &str) -> Self {
        let message = format!("{} is for push workstreams only; this one is pick.", label(field));
        Self::on(ErrorCode::PushOnly, field, message)
    }

    /// Nothing chosen on `field` (`allowedPresences`, `attachments`), which needs at least one.
    pub fn none_chosen(field: &str) -> Self {
        let message = match field {
            "allowedPresences" => "Choose at least one presence in which agents get work.".to_owned(),
            "attachments" => "Choose who can send file attachments, or turn file attachments off.".to_owned(),
            _ => format!("Choose at least one {}.", label(field)),
        };
        Self::on(ErrorCode::NoneChosen, field, message)
    }

    pub fn default_queue() -> Self {
        Self::new(ErrorCode::DefaultQueue, "The default messaging queue cannot be deleted. You can rename it.")
    }

    /// The queue is the fallback queue of the workstreams named.
    pub fn queue_in_use(names: &[String]) -> Self {
        let message = format!(
            "This queue is the fallback queue of {}. Give them another fallback queue first.",
            names.join(", ")
        );
        Self::new(ErrorCode::QueueInUse, message).with("names", json_list(names)).with("count", names.len())
    }

    /// Deleting the account (`what` `account`) or the number (`number`) would take the number of
    /// the workstreams named.
    pub fn used_by_workstreams(what: &str, names: &[String]) -> Self {
        let message = format!(
            "{} use{} this {what}'s WhatsApp number. Unbind it from them and delete, or cancel.",
            names.join(", "),
            if names.len() == 1 { "s" } else { "" }
        );
        Self::new(ErrorCode::UsedByWorkstreams, message)
            .with("what", what)
            .with("names", json_list(names))
            .with("count", names.len())
    }

    // The WhatsApp setup of a workstream.

    pub fn number_in_use(workstream: &str) -> Self {
        let message = format!(
            "The workstream \"{workstream}\" already uses this number, and a number serves one workstream. Choose \
             another, or remove the setup from that workstream first."
        );
        Self::on(ErrorCode::NumberInUse, "setupNumber", message).with("workstream", workstream)
    }

    pub fn account_not_complete(account: &str) -> Self {
        let message =
            format!("The account \"{account}\" is still a draft. Finish its wizard before using its numbers.");
        Self::on(ErrorCode::AccountNotComplete, "setupNumber", message).with("account", account)
    }

    pub fn unknown_language(field: &str, language: &str) -> Self {
        let message = format!("{language} is not in WhatsApp's list of template languages. Choose one from the list.");
        Self::on(ErrorCode::UnknownLanguage, field, message).with("language", language)
    }

    pub fn repeated_trigger(field: &str, trigger: impl Serialize) -> Self {
        let message = "This trigger already has an automated message; each trigger can have one. Edit that one \
                       instead.";
        Self::on(ErrorCode::RepeatedTrigger, field, message).with("trigger", token(trigger))
    }

    pub fn unknown_placeholder(field: &str, placeholder: &str) -> Self {
        let message = format!(
            "{placeholder} is not a placeholder this message can use: use {{AgentName}} for the agent's name and \
             {{QueueName}} for the queue's."
        );
        Self::on(ErrorCode::UnknownPlaceholder, field, message).with("placeholder", placeholder)
    }

    pub fn not_for_whatsapp() -> Self {
        Self::on(
            ErrorCode::NotForWhatsapp,
            "surveyDelivery",
            "WhatsApp can only send the survey as a link in the conversation.",
        )
    }

    pub fn invalid_content_sid(field: &str) -> Self {
        Self::on(
            ErrorCode::InvalidContentSid,
            field,
            "Content SID must be HX followed by 32 hexadecimal digits (34 characters). Copy it from the template \
             in Twilio's Content Template Builder.",
        )
    }

    pub fn duplicate_content_sid(field: &str, content_sid: &str) -> Self {
        let message = format!("{content_sid} is already in this channel's templates. Each template is added once.");
        Self::on(ErrorCode::DuplicateContentSid, field, message).with("contentSid", content_sid)
    }

    /// Finish, with `step` (`number` or `language`) still to choose.
    pub fn setup_incomplete(step: &str) -> Self {
        let what = if step == "number" { "a WhatsApp number" } else { "a language" };
        Self::new(ErrorCode::SetupIncomplete, format!("Choose {what} before finishing.")).with("step", step)
    }

    // Publishing templates.

    pub fn template_has_errors(count: usize) -> Self {
        let message = format!("The template has {count} errors; fix them before publishing.");
        Self::new(ErrorCode::TemplateHasErrors, message).with("count", count)
    }

    pub fn already_published(content_sid: &str) -> Self {
        let message = format!("This language is already in Twilio as {content_sid}. Edit it to make a new revision.");
        Self::new(ErrorCode::AlreadyPublished, message).with("contentSid", content_sid)
    }

    /// `reason`: `running` or `in_twilio`.
    pub fn cannot_cancel(reason: &str) -> Self {
        let message = match reason {
            "running" => "This item is being sent now; stop the run to cancel it.",
            _ => "Twilio already has this item's content, so it can no longer be cancelled; it will finish.",
        };
        Self::new(ErrorCode::CannotCancel, message).with("reason", reason)
    }

    pub fn content_ambiguous(friendly_name: &str, count: usize) -> Self {
        let message = format!(
            "Twilio has {count} contents named {friendly_name}, any of which a create whose answer was lost may \
             have made. Delete the extra ones in the Twilio Console, then retry."
        );
        Self::new(ErrorCode::ContentAmbiguous, message).with("friendlyName", friendly_name).with("count", count)
    }

    // Bundles.

    /// A bundle refused by `rule` at `pointer` (a JSON pointer; empty for the whole file).
    pub fn bundle(rule: &str, pointer: &str, message: impl Into<String>) -> Self {
        Self::new(ErrorCode::BundleInvalid, message).with("rule", rule).with("pointer", pointer)
    }

    pub fn passphrases_differ() -> Self {
        Self::on(
            ErrorCode::PassphrasesDiffer,
            "passphraseAgain",
            "The two passphrases differ; type the same one twice.",
        )
    }

    // The keyring.

    pub fn keyring_unavailable(detail: &dyn std::fmt::Display) -> Self {
        let message = format!(
            "Channel Desk keeps tokens only in the OS keyring, and it could not be reached ({detail}). {MISSING_HINT}"
        );
        Self::new(ErrorCode::KeyringUnavailable, message).with("os", std::env::consts::OS)
    }

    pub fn keyring_locked() -> Self {
        let message =
            format!("The OS keyring is locked or refused access, so the secret could not be used. {LOCKED_HINT}");
        Self::new(ErrorCode::KeyringLocked, message).with("os", std::env::consts::OS)
    }

    // Twilio.

    pub fn offline(host: &str) -> Self {
        let message = format!(
            "Could not reach {host}: this computer seems to be offline. Your work is saved; check again once online."
        );
        Self::new(ErrorCode::Offline, message).with("host", host)
    }

    pub fn connection_failed(host: &str, detail: &dyn std::fmt::Display) -> Self {
        Self::new(ErrorCode::ConnectionFailed, format!("The connection to {host} failed: {detail}.")).with("host", host)
    }

    pub fn twilio_timeout(host: &str) -> Self {
        let message =
            format!("{host} did not answer in time. Nothing was assumed; try again when the connection is better.");
        Self::new(ErrorCode::TwilioTimeout, message).with("host", host)
    }

    /// Twilio's refusal: its HTTP status, and its error number, words and page when it gave them.
    pub fn twilio(
        status: u16,
        twilio_code: Option<u32>,
        twilio_message: Option<String>,
        more_info: Option<String>,
    ) -> Self {
        let (code, what) = match (status, twilio_code) {
            (401, _) | (_, Some(20003)) => (
                ErrorCode::TwilioAuthFailed,
                "Twilio refused these credentials. Check the Account SID and the Auth token (or the API key SID and \
                 secret) under Account Info in the Twilio Console; a rotated token, a deleted key or a stray space \
                 fails this way.",
            ),
            (404, _) | (_, Some(20404)) => (
                ErrorCode::TwilioNotFound,
                "Twilio has no such resource on this account. Check that the SID belongs to this account and was not \
                 deleted.",
            ),
            (429, _) | (_, Some(20429)) => (
                ErrorCode::TwilioRateLimited,
                "Twilio is limiting how fast this account can make requests. Wait a minute and try again.",
            ),
            (500..=599, _) => {
                (ErrorCode::TwilioUnavailable, "Twilio is having trouble right now. Try again in a few minutes.")
            }
            _ => (ErrorCode::TwilioRejected, "Twilio refused the request."),
        };
        let said = twilio_message.clone().unwrap_or_else(|| format!("HTTP {status}"));
        let twilio = match twilio_code {
            Some(number) => format!("Twilio error {number}: {said}"),
            None => format!("Twilio answered HTTP {status}: {said}"),
        };
        let link = more_info.as_ref().map(|url| format!(" More: {url}")).unwrap_or_default();
        let mut err = Self::new(code, format!("{what} ({twilio}){link}")).with("httpStatus", status);
        if let Some(number) = twilio_code {
            err = err.with("twilioCode", number);
        }
        if let Some(said) = twilio_message {
            err = err.with("twilioMessage", said);
        }
        if let Some(url) = more_info {
            err = err.with("moreInfo", url);
        }
        err
    }

    pub fn twilio_bad_response(detail: &dyn std::fmt::Display) -> Self {
        Self::new(
            ErrorCode::TwilioBadResponse,
            format!("Twilio sent an answer this tool could not read ({detail}). Nothing was changed; try again later."),
        )
    }

    pub fn account_inactive(status: &str) -> Self {
        let message = format!(
            "Twilio says this account is {status}: it cannot send or receive messages. Reactivate it in the Twilio \
             Console."
        );
        Self::new(ErrorCode::AccountInactive, message).with("status", status)
    }

    pub fn invalid_host_override(variable: &str, issue: UrlIssue, detail: &dyn std::fmt::Display) -> Self {
        let message = format!("{variable} is not usable: {detail}. It must be https://, or http:// on this machine.");
        Self::new(ErrorCode::InvalidHostOverride, message).with("variable", variable).with("reason", token(issue))
    }

    // Inbound URLs in Twilio.

    pub fn cannot_apply(why: Unsettable) -> Self {
        let message = match why {
            Unsettable::Sandbox => {
                "This is Twilio's WhatsApp Sandbox. Paste the inbound URL into \"When a message comes in\" in the \
                 Sandbox settings of the Twilio Console; Twilio's API cannot set it."
            }
            Unsettable::TwimlApp => {
                "A TwiML app handles this number's messages, so Twilio ignores its SmsUrl. Change it in the Twilio \
                 Console."
            }
        };
        Self::new(ErrorCode::CannotApply, message).with("reason", token(why))
    }

    pub fn number_not_in_twilio(number: &str) -> Self {
        let message = format!("This Twilio account has no WhatsApp sender or phone number {number}.");
        Self::new(ErrorCode::NumberNotInTwilio, message).with("number", number)
    }

    /// Twilio's URL for `number` is no longer the one the user confirmed: it is `current` now.
    pub fn inbound_url_changed(number: &str, current: Option<&str>) -> Self {
        let message = format!(
            "Twilio's inbound URL for {number} changed since you confirmed: it is now {}. Review it and try again.",
            current.unwrap_or("not set")
        );
        let err = Self::new(ErrorCode::InboundChanged, message).with("number", number).with("reason", "url_changed");
        match current {
            Some(url) => err.with("currentUrl", url),
            None => err,
        }
    }

    /// Twilio no longer takes `number`'s inbound URL from where this desk applied it.
    pub fn inbound_route_moved(number: &str) -> Self {
        let message = format!(
            "Twilio no longer takes the inbound URL of {number} from where this desk applied it. Review it before \
             changing it."
        );
        Self::new(ErrorCode::InboundChanged, message).with("number", number).with("reason", "route_moved")
    }

    pub fn nothing_to_restore(number: &str) -> Self {
        let message =
            format!("This desk has not replaced an inbound URL of {number} in Twilio, so there is nothing to restore.");
        Self::new(ErrorCode::NothingToRestore, message).with("number", number)
    }

    pub fn changed_during_check() -> Self {
        Self::new(
            ErrorCode::ChangedDuringCheck,
            "The account's credentials, numbers or inbound URL changed while Twilio was being checked, so this \
             answer is out of date. Check again.",
        )
    }

    // The desktop around it.

    pub fn clipboard(detail: &dyn std::fmt::Display) -> Self {
        Self::new(
            ErrorCode::Clipboard,
            format!("Could not put the URL on the clipboard: {detail}. Select it and copy it by hand."),
        )
    }

    pub fn browser(url: &str, detail: &dyn std::fmt::Display) -> Self {
        Self::new(ErrorCode::Browser, format!("Could not open {url} in the browser: {detail}. Open it by hand."))
            .with("url", url)
    }

    // The data folder and the database.

    pub fn no_data_folder(variable: &str) -> Self {
        Self::new(ErrorCode::Storage, format!("This system names no app-data folder; set {variable} to one."))
            .with("reason", "no_data_folder")
            .with("variable", variable)
    }

    pub fn create_folder(path: &std::path::Path, detail: &dyn std::fmt::Display) -> Self {
        let path = path.display().to_string();
        Self::new(ErrorCode::Storage, format!("Could not create the data folder {path}: {detail}."))
            .with("reason", "create_folder")
            .with("path", path)
    }

    pub fn read_file(path: &std::path::Path, detail: &dyn std::fmt::Display) -> Self {
        let path = path.display().to_string();
        Self::new(ErrorCode::Storage, format!("Could not read {path}: {detail}."))
            .with("reason", "read_file")
            .with("path", path)
    }

    pub fn write_file(path: &std::path::Path, detail: &dyn std::fmt::Display) -> Self {
        let path = path.display().to_string();
        Self::new(ErrorCode::Storage, format!("Could not write {path}: {detail}."))
            .with("reason", "write_file")
            .with("path", path)
    }

    pub fn move_folder(from: &std::path::Path, to: &std::path::Path, detail: &dyn std::fmt::Display) -> Self {
        let (from, to) = (from.display().to_string(), to.display().to_string());
        let message = format!("Could not move the data folder {from} to {to}: {detail}. Move it by hand.");
        Self::new(ErrorCode::Storage, message).with("reason", "move_folder").with("from", from).with("to", to)
    }
}

/// A page's problems, gathered field by field in the page's order, so that a refused save names
/// every one of them at once.
#[derive(Debug, Default)]
pub struct Problems(Vec<Error>);

impl Problems {
    /// The value, or `None` with its problem noted.
    pub fn check<T>(&mut self, checked: Result<T>) -> Option<T> {
        checked.map_err(|err| self.push(err)).ok()
    }

    pub fn push(&mut self, mut err: Error) {
        let more = std::mem::take(&mut err.more);
        self.0.push(err);
        self.0.extend(more);
    }

    /// Every problem noted: the first as the error, the others in its `more`.
    pub fn done(self) -> Result<()> {
        Error::all(self.0).map_or(Ok(()), Err)
    }
}

/// A page's checked fields, each a [`Result`]: their values, or every problem at once, the first
/// as the error and the others in its `more`, in the page's order.
pub trait CheckedTogether {
    type Values;
    fn checked_together(self) -> Result<Self::Values>;
}

impl<A, B> CheckedTogether for (Result<A>, Result<B>) {
    type Values = (A, B);
    fn checked_together(self) -> Result<(A, B)> {
        match self {
            (Ok(a), Ok(b)) => Ok((a, b)),
            (a, b) => Err(Error::all([a.err(), b.err()].into_iter().flatten()).expect("one of them failed")),
        }
    }
}

impl<A, B, C> CheckedTogether for (Result<A>, Result<B>, Result<C>) {
    type Values = (A, B, C);
    fn checked_together(self) -> Result<(A, B, C)> {
        match self {
            (Ok(a), Ok(b), Ok(c)) => Ok((a, b, c)),
            (a, b, c) => {
                Err(Error::all([a.err(), b.err(), c.err()].into_iter().flatten()).expect("one of them failed"))
            }
        }
    }
}

#[cfg(target_os = "linux")]
const MISSING_HINT: &str = "On Linux that is a Secret Service: install and start GNOME Keyring (sudo apt install \
    gnome-keyring) or KWallet, sign out and back in, then try again. What you typed is kept.";
#[cfg(target_os = "macos")]
const MISSING_HINT: &str = "On macOS that is the login keychain: open Keychain Access, make sure the login keychain \
    exists and is unlocked, then try again. What you typed is kept.";
#[cfg(not(any(target_os = "linux", target_os = "macos")))]
const MISSING_HINT: &str = "On Windows that is Credential Manager: make sure the Credential Manager service is \
    running, then try again. What you typed is kept.";

#[cfg(target_os = "linux")]
const LOCKED_HINT: &str = "Unlock the login keyring (in Passwords and Keys, or by signing in again) and try again. \
    What you typed is kept.";
#[cfg(not(target_os = "linux"))]
const LOCKED_HINT: &str =
    "Unlock the keychain or allow Channel Desk when asked, then try again. What you typed is kept.";

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)?;
        self.more.iter().try_for_each(|other| write!(f, " {other}"))
    }
}

impl std::error::Error for Error {}

impl From<sqlx::Error> for Error {
    fn from(err: sqlx::Error) -> Self {
        log::error!("storage error: {err}");
        // SQLITE_BUSY and SQLITE_LOCKED, with their extended codes: another writer held the
        // file for longer than the busy timeout.
        let code = err.as_database_error().and_then(|e| e.code()).and_then(|c| c.parse::<i32>().ok());
        if code.is_some_and(|c| matches!(c & 0xff, 5 | 6)) {
            let message = "Another Channel Desk (the app or the command line) is writing to this desk. Nothing was \
                           changed; try again in a moment.";
            return Self::new(ErrorCode::Storage, message).with("reason", "busy");
        }
        Self::new(
            ErrorCode::Storage,
            format!("Could not read or write the local database: {err}. Nothing was changed."),
        )
        .with("reason", "database")
    }
}

impl From<sqlx::migrate::MigrateError> for Error {
    fn from(err: sqlx::migrate::MigrateError) -> Self {
        log::error!("migration error: {err}");
        Self::new(
            ErrorCode::Storage,
            format!("Could not bring the local database up to date: {err}. The file was left as it was."),
        )
        .with("reason", "migration")
    }
}
