// An error's text in the UI's current language, from its code, field and params. Rust's English
// `message` stays in Rust, for logs: it does not cross IPC. Twilio's own words (its error number
// and text) are shown as Twilio wrote them, quoted, after our sentence.
import type { ErrorCode } from './bindings/ErrorCode';
import { formatNumber } from './format';
import { locale } from './i18n.svelte';
import { ipc, toAppError, type Ipc } from './ipc';
import { m } from './paraglide/messages';

export type ErrorParams = Record<string, string | number>;

/** An error from a command, or a stored answer's failure (verification, drift). */
export type CodedError = {
  code: ErrorCode;
  field?: string | null;
  params?: Partial<ErrorParams> | null;
};

export function errorText(error: CodedError): string {
  const p = (name: string): string | null => {
    const value = error.params?.[name];
    return value === undefined || value === null || value === '' ? null : String(value);
  };
  const field = fieldLabel(error.field);
  switch (error.code) {
    case 'required':
      return field ? m.error_required({ field }) : m.error_required_any();
    case 'too_long': {
      const [max, actual] = [number(p('max')), number(p('actual'))];
      return field ? m.error_too_long({ field, max, actual }) : m.error_too_long_any({ max, actual });
    }
    case 'duplicate_name': {
      const name = p('name') ?? '';
      switch (p('what')) {
        case 'queue':
          return m.error_duplicate_name_queue({ name });
        case 'workstream':
          return m.error_duplicate_name_workstream({ name });
        case 'context_variable':
          return m.error_duplicate_name_context_variable({ name });
        case 'template':
          return m.error_duplicate_name_template({ name });
        case 'environment':
          return m.error_duplicate_name_environment({ name });
        case 'template_language':
          return m.error_duplicate_name_template_language({ name });
        default:
          return m.error_duplicate_name({ name });
      }
    }
    case 'invalid_account_sid':
      return m.error_invalid_account_sid();
    case 'invalid_api_key_sid':
      return m.error_invalid_api_key_sid();
    case 'invalid_phone_number':
      return sentences(m.error_invalid_phone_number(), phoneReason(p('reason')));
    case 'duplicate_number':
      return m.error_duplicate_number({ number: p('number') ?? '' });
    case 'invalid_url':
      if (p('reason') === 'not_twilio') return m.error_url_not_twilio();
      if (error.field === 'surveyReference') {
        return p('reason') === 'not_https' ? m.error_survey_url_not_https() : m.error_survey_url_not_a_url();
      }
      return sentences(m.error_invalid_url(), urlReason(p('reason')));
    case 'not_found':
      switch (p('what')) {
        case 'number':
          return m.error_not_found_number();
        case 'queue':
          return m.error_not_found_queue();
        case 'workstream':
          return m.error_not_found_workstream();
        case 'template':
          return m.error_not_found_template();
        case 'environment':
          return m.error_not_found_environment({ name: p('name') ?? '' });
        default:
          return m.error_not_found_account();
      }
    case 'incomplete':
      return field && error.field !== 'number' ? m.error_incomplete_credential({ field }) : m.error_incomplete_number();
    case 'last_number':
      return m.error_last_number();
    case 'callback_base_url_missing':
      return m.error_callback_base_url_missing();
    case 'keyring_unavailable':
      return sentences(m.error_keyring_unavailable(), keyringHint(p('os')));
    case 'keyring_locked':
      return sentences(
        m.error_keyring_locked(),
        p('os') === 'linux' ? m.error_keyring_locked_linux() : m.error_keyring_locked_other(),
      );
    case 'secret_lost':
      return m.error_secret_lost({ field: field ?? m.error_field_auth_token() });
    case 'credentials_missing':
      return m.error_credentials_missing({ field: field ?? m.error_field_account_sid() });
    case 'offline':
      return m.error_offline({ host: p('host') ?? 'Twilio' });
    case 'connection_failed':
      return m.error_connection_failed({ host: p('host') ?? 'Twilio' });
    case 'twilio_timeout':
      return m.error_twilio_timeout({ host: p('host') ?? 'Twilio' });
    case 'twilio_auth_failed':
      return sentences(m.error_twilio_auth_failed(), twilioWords(p));
    case 'twilio_not_found':
      return sentences(m.error_twilio_not_found(), twilioWords(p));
    case 'twilio_rate_limited':
      return sentences(m.error_twilio_rate_limited(), twilioWords(p));
    case 'twilio_unavailable':
      return sentences(m.error_twilio_unavailable(), twilioWords(p));
    case 'twilio_rejected':
      return sentences(m.error_twilio_rejected(), twilioWords(p));
    case 'twilio_bad_response':
      return m.error_twilio_bad_response();
    case 'account_inactive': {
      const status = p('status') ?? '';
      if (status === 'suspended') return m.error_account_suspended();
      if (status === 'closed') return m.error_account_closed();
      return m.error_account_inactive({ status });
    }
    case 'cannot_apply':
      return p('reason') === 'twiml_app' ? m.error_cannot_apply_twiml_app() : m.error_cannot_apply_sandbox();
    case 'number_not_in_twilio':
      return m.error_number_not_in_twilio({ number: p('number') ?? '' });
    case 'inbound_changed': {
      const number = p('number') ?? '';
      if (p('reason') === 'route_moved') return m.error_inbound_moved({ number });
      const currentUrl = p('currentUrl');
      return currentUrl ? m.error_inbound_changed({ number, currentUrl }) : m.error_inbound_changed_unset({ number });
    }
    case 'nothing_to_restore':
      return m.error_nothing_to_restore({ number: p('number') ?? '' });
    case 'changed_during_check':
      return m.error_changed_during_check();
    case 'invalid_host_override':
      return sentences(
        m.error_invalid_host_override({ variable: p('variable') ?? '' }),
        p('reason') === 'not_a_url' ? m.error_url_not_a_url() : null,
      );
    case 'not_a_whole_number':
      return field ? m.error_not_a_whole_number({ field }) : m.error_not_a_whole_number_any();
    case 'out_of_range': {
      const [min, max, actual] = ['min', 'max', 'actual'].map((name) => number(p(name)));
      return field ? m.error_out_of_range({ field, min, max, actual }) : m.error_out_of_range_any({ min, max, actual });
    }
    case 'mode_locked':
      return m.error_mode_locked();
    case 'push_only':
      return error.field === 'botName' ? m.error_push_only_bot() : m.error_push_only_keep_same_agent();
    case 'none_chosen':
      return error.field === 'attachments' ? m.error_none_chosen_attachments() : m.error_none_chosen_presences();
    case 'default_queue':
      return m.error_default_queue();
    case 'queue_in_use':
      return m.error_queue_in_use({ names: listText(listParam(error, 'names')), count: count(p('count')) });
    case 'used_by_workstreams': {
      const names = listText(listParam(error, 'names'));
      return p('what') === 'number'
        ? m.error_used_by_workstreams_number({ names })
        : m.error_used_by_workstreams_account({ names, count: count(p('count')) });
    }
    case 'number_in_use':
      return m.error_number_in_use({ workstream: p('workstream') ?? '' });
    case 'account_not_complete':
      return m.error_account_not_complete({ account: p('account') ?? '' });
    case 'unknown_language':
      return m.error_unknown_language({ language: p('language') ?? '' });
    case 'repeated_trigger':
      return m.error_repeated_trigger();
    case 'unknown_placeholder':
      return m.error_unknown_placeholder({
        placeholder: p('placeholder') ?? '',
        agent: '{AgentName}',
        queue: '{QueueName}',
      });
    case 'not_for_whatsapp':
      return m.error_not_for_whatsapp();
    case 'invalid_content_sid':
      return m.error_invalid_content_sid();
    case 'duplicate_content_sid':
      return m.error_duplicate_content_sid({ contentSid: p('contentSid') ?? '' });
    case 'setup_incomplete':
      return p('step') === 'language' ? m.error_setup_incomplete_language() : m.error_setup_incomplete_number();
    case 'template_has_errors':
      return m.error_template_has_errors({ count: count(p('count')) });
    case 'already_published':
      return m.error_already_published({ contentSid: p('contentSid') ?? '' });
    case 'cannot_cancel':
      return p('reason') === 'running' ? m.error_cannot_cancel_running() : m.error_cannot_cancel_in_twilio();
    case 'content_ambiguous':
      return m.error_content_ambiguous({ friendlyName: p('friendlyName') ?? '', count: number(p('count')) });
    case 'bundle_invalid':
      return bundleText(p);
    case 'passphrases_differ':
      return m.error_passphrases_differ();
    case 'clipboard':
      return m.error_clipboard();
    case 'browser':
      return m.error_browser({ url: p('url') ?? '' });
    case 'storage':
      switch (p('reason')) {
        case 'migration':
          return m.error_storage_migration();
        case 'no_data_folder':
          return m.error_storage_no_data_folder({ variable: p('variable') ?? '' });
        case 'create_folder':
          return m.error_storage_create_folder({ path: p('path') ?? '' });
        case 'busy':
          return m.error_storage_busy();
        case 'read_file':
          return m.error_storage_read_file({ path: p('path') ?? '' });
        case 'write_file':
          return m.error_storage_write_file({ path: p('path') ?? '' });
        case 'move_folder':
          return m.error_storage_move_folder({ from: p('from') ?? '', to: p('to') ?? '' });
        default:
          return m.error_storage();
      }
    default:
      return unknownCode(error.code);
  }
}

/** Why a bundle file was refused (`rule`), and where in it (`pointer`). */
function bundleText(p: (name: string) => string | null): string {
  const [pointer, id] = [p('pointer') ?? '', p('id') ?? ''];
  switch (p('rule')) {
    case 'too_large':
      return m.error_bundle_too_large({ size: number(p('size')), max: number(p('max')) });
    case 'too_deep':
      return m.error_bundle_too_deep({ line: p('line') ?? '' });
    case 'not_json':
      return m.error_bundle_not_json({ line: p('line') ?? '', column: p('column') ?? '' });
    case 'too_new':
      return m.error_bundle_too_new({ version: p('version') ?? '', max: p('max') ?? '' });
    case 'unknown_field':
      return m.error_bundle_unknown_field({ pointer });
    case 'rejected':
      return m.error_bundle_rejected({ pointer });
    case 'wrong_passphrase':
      return m.error_bundle_wrong_passphrase();
    case 'secrets_damaged':
      return m.error_bundle_secrets_damaged({ pointer });
    case 'duplicate_id':
      return m.error_bundle_duplicate_id({ pointer, id, first: p('first') ?? '' });
    case 'missing_reference':
      switch (p('what')) {
        case 'queue':
          return m.error_bundle_missing_queue({ pointer, id });
        case 'number':
          return m.error_bundle_missing_number({ pointer, id });
        default:
          return m.error_bundle_missing_account({ pointer, id });
      }
    default:
      return m.error_bundle_wrong_type({ pointer });
  }
}

/**
 * A param that holds a list (`names` of `queue_in_use` and `used_by_workstreams`: a JSON array of
 * names, as Rust wrote them); empty when it is missing or not such a list.
 */
export function listParam(error: CodedError, name: string): string[] {
  const value = error.params?.[name];
  if (typeof value !== 'string') return [];
  try {
    const list: unknown = JSON.parse(value);
    return Array.isArray(list) ? list.filter((item): item is string => typeof item === 'string') : [];
  } catch {
    return [];
  }
}

/** Twilio's page about the error (`params.moreInfo`), to show as a link; only twilio.com pages. */
export function moreInfoUrl(error: CodedError): string | null {
  const url = error.params?.moreInfo;
  if (typeof url !== 'string') return null;
  try {
    const { protocol, hostname } = new URL(url);
    return protocol === 'https:' && (hostname === 'twilio.com' || hostname.endsWith('.twilio.com')) ? url : null;
  } catch {
    return null;
  }
}

/** Opens Twilio's page in the system browser (the webview has no network); returns why it could not. */
export async function openTwilioPage(url: string, api: Pick<Ipc, 'openTwilioPage'> = ipc): Promise<CodedError | null> {
  try {
    await api.openTwilioPage(url);
    return null;
  } catch (e) {
    return toAppError(e);
  }
}

/** A code this build does not know yet fails svelte-check here, so every code gets a message. */
function unknownCode(code: never): never {
  throw new Error(`no message for error code ${String(code)}`);
}

/**
 * The field's name as its form labels it, or null for a field the errors catalog does not name. A
 * list item's field (`quickReplies.2.title`) is named without its index.
 */
function fieldLabel(field: string | null | undefined): string | null {
  switch (field?.replace(/\.\d+\./, '.')) {
    case 'name':
      return m.error_field_name();
    case 'numberName':
      return m.error_field_number_name();
    case 'accountSid':
      return m.error_field_account_sid();
    case 'apiKeySid':
      return m.error_field_api_key_sid();
    case 'authToken':
      return m.error_field_auth_token();
    case 'apiKeySecret':
      return m.error_field_api_key_secret();
    case 'number':
      return m.error_field_number();
    case 'callbackBaseUrl':
      return m.error_field_callback_base_url();
    case 'url':
      return m.error_field_url();
    case 'queueName':
      return m.error_field_queue_name();
    case 'workstreamName':
      return m.error_field_workstream_name();
    case 'fallbackQueueName':
      return m.error_field_fallback_queue_name();
    case 'fallbackQueue':
      return m.error_field_fallback_queue();
    case 'mode':
      return m.error_field_mode();
    case 'autoCloseAfterMinutes':
      return m.error_field_auto_close();
    case 'capacityUnits':
      return m.error_field_capacity_units();
    case 'capacityProfile':
      return m.error_field_capacity_profile();
    case 'wrapUpMinutes':
      return m.error_field_wrap_up_minutes();
    case 'allowedPresences':
      return m.error_field_allowed_presences();
    case 'keepSameAgent':
      return m.error_field_keep_same_agent();
    case 'botName':
      return m.error_field_bot_name();
    case 'sessionTemplate':
      return m.error_field_session_template();
    case 'agentNotificationTemplate':
      return m.error_field_agent_notification_template();
    case 'contextVariables.name':
      return m.error_field_context_variable_name();
    case 'quickReplies.title':
      return m.error_field_quick_reply_title();
    case 'quickReplies.text':
      return m.error_field_quick_reply_text();
    case 'setupNumber':
      return m.error_field_number();
    case 'setupLanguage':
      return m.error_field_language();
    case 'automatedMessages.trigger':
      return m.error_field_message_trigger();
    case 'automatedMessages.text':
      return m.error_field_automated_message();
    case 'surveyReference':
      return m.error_field_survey_reference();
    case 'surveyMessage':
      return m.error_field_survey_message();
    case 'surveyDelivery':
      return m.error_field_survey_delivery();
    case 'templates.contentSid':
      return m.error_field_content_sid();
    case 'templates.language':
      return m.error_field_template_language();
    case 'templates.text':
      return m.error_field_template_text();
    case 'attachments':
      return m.error_field_attachments();
    case 'templateName':
      return m.error_field_template_name();
    case 'environmentName':
      return m.error_field_environment_name();
    case 'templateLanguage':
      return m.error_field_language();
    default:
      return null;
  }
}

/** A number param in the current language's digits and grouping (43,200; 43.200). */
function number(value: string | null): string {
  const n = Number(value);
  return value === null || Number.isNaN(n) ? (value ?? '') : formatNumber(n);
}

/** A count for a plural message; 0 when it is missing. */
function count(value: string | null): number {
  const n = Number(value);
  return Number.isFinite(n) ? n : 0;
}

/** Names as the current language lists them: “Sales, Support and VIP”. */
function listText(names: string[]): string {
  return new Intl.ListFormat(locale(), { type: 'conjunction' }).format(names);
}

function sentences(first: string, second: string | null): string {
  return second ? m.error_sentences({ first, second }) : first;
}

function phoneReason(reason: string | null): string | null {
  switch (reason) {
    case 'no_plus':
      return m.error_phone_no_plus();
    case 'letters':
      return m.error_phone_letters();
    case 'unreadable':
      return m.error_phone_unreadable();
    case 'not_valid_for_country':
      return m.error_phone_not_valid_for_country();
    default:
      return null;
  }
}

function urlReason(reason: string | null): string | null {
  switch (reason) {
    case 'not_a_url':
      return m.error_url_not_a_url();
    case 'not_https':
      return m.error_url_not_https();
    case 'no_host':
      return m.error_url_no_host();
    case 'query_or_fragment':
      return m.error_url_query_or_fragment();
    case 'user_info':
      return m.error_url_user_info();
    default:
      return null;
  }
}

/** What Twilio said, in its own words: its error number (or HTTP status) and its text, quoted. */
function twilioWords(p: (name: string) => string | null): string | null {
  const [code, status, text] = [p('twilioCode'), p('httpStatus'), p('twilioMessage')];
  if (code && text) return m.error_twilio_said({ code, text });
  if (code) return m.error_twilio_code({ code });
  if (status && text) return m.error_twilio_http_said({ status, text });
  if (status) return m.error_twilio_http({ status });
  return null;
}

/** Where the OS keeps its keyring, and how to get one running, for the OS Rust runs on. */
function keyringHint(os: string | null): string {
  switch (os) {
    case 'linux':
      return m.error_keyring_unavailable_linux();
    case 'macos':
      return m.error_keyring_unavailable_macos();
    case 'windows':
      return m.error_keyring_unavailable_windows();
    default:
      return m.error_keyring_unavailable_other();
  }
}
