import { afterEach, describe, expect, it } from 'vitest';
import type { ErrorCode } from './bindings/ErrorCode';
import type { Problem } from './bindings/Problem';
import { errorText, listParam, moreInfoUrl, type CodedError } from './errors';
import { locales, showIn } from './i18n.svelte';

/** Every code with the params Rust sends for it; `satisfies` fails when a code is added or removed. */
const SAMPLES = {
  required: [
    { field: 'accountSid' },
    { field: null },
    ...[
      'queueName',
      'workstreamName',
      'fallbackQueueName',
      'fallbackQueue',
      'capacityProfile',
      'contextVariables.0.name',
      'quickReplies.3.title',
      'quickReplies.3.text',
      'setupNumber',
      'setupLanguage',
      'automatedMessages.1.text',
      'surveyReference',
      'surveyMessage',
      'templates.0.contentSid',
      'templates.0.language',
      'templates.2.text',
    ].map((field) => ({ field })),
  ],
  too_long: [
    { field: 'name', params: { max: 100, actual: 101 } },
    { field: 'callbackBaseUrl', params: { max: 460, actual: 470 } },
    { field: null, params: { max: 100, actual: 120 } },
    ...['botName', 'sessionTemplate', 'agentNotificationTemplate', 'automatedMessages.0.text'].map((field) => ({
      field,
      params: { max: 1000, actual: 1001 },
    })),
  ],
  duplicate_name: [
    { field: 'name', params: { what: 'account', name: 'Support EU' } },
    { field: 'name', params: { name: 'Support EU' } },
    { field: 'queueName', params: { what: 'queue', name: 'Ärger' } },
    { field: 'fallbackQueueName', params: { what: 'queue', name: 'Escalations' } },
    { field: 'workstreamName', params: { what: 'workstream', name: 'WhatsApp Sales' } },
    { field: 'contextVariables.1.name', params: { what: 'context_variable', name: 'orderId' } },
    { field: 'environmentName', params: { what: 'environment', name: 'Prod' } },
  ],
  invalid_account_sid: [{ field: 'accountSid' }],
  invalid_api_key_sid: [{ field: 'apiKeySid' }],
  invalid_phone_number: ['no_plus', 'letters', 'unreadable', 'not_valid_for_country'].map((reason) => ({
    field: 'number',
    params: { reason },
  })),
  duplicate_number: [{ field: 'number', params: { number: '+14155238886' } }],
  invalid_url: [
    ...['not_a_url', 'not_https', 'no_host', 'query_or_fragment', 'user_info'].map((reason) => ({
      field: 'callbackBaseUrl',
      params: { reason },
    })),
    { field: 'url', params: { reason: 'not_twilio' } },
    { field: 'surveyReference', params: { reason: 'not_https' } },
    { field: 'surveyReference', params: { reason: 'not_a_url' } },
  ],
  not_found: [
    { params: { what: 'account' } },
    { params: { what: 'number' } },
    { params: { what: 'queue' } },
    { field: 'fallbackQueue', params: { what: 'queue' } },
    { params: { what: 'workstream' } },
    { params: { what: 'environment', name: 'Staging' } },
  ],
  incomplete: [{ field: 'accountSid' }, { field: 'authToken' }, { field: 'apiKeySecret' }, { field: 'number' }],
  last_number: [{}],
  callback_base_url_missing: [{ field: 'callbackBaseUrl' }],
  keyring_unavailable: ['linux', 'macos', 'windows', 'freebsd'].map((os) => ({ params: { os } })),
  keyring_locked: [{ params: { os: 'linux' } }, { params: { os: 'macos' } }],
  secret_lost: [{ field: 'authToken' }, { field: 'apiKeySecret' }],
  credentials_missing: [{ field: 'accountSid' }, { field: 'apiKeySid' }, { field: 'authToken' }, { field: 'apiKeySecret' }],
  offline: [{ params: { host: 'api.twilio.com' } }],
  connection_failed: [{ params: { host: 'api.twilio.com' } }],
  twilio_timeout: [{ params: { host: 'messaging.twilio.com' } }],
  twilio_auth_failed: [
    {
      params: {
        httpStatus: 401,
        twilioCode: 20003,
        twilioMessage: 'Authenticate',
        moreInfo: 'https://www.twilio.com/docs/errors/20003',
      },
    },
    { params: {} },
  ],
  twilio_not_found: [{ params: { httpStatus: 404, twilioCode: 20404, twilioMessage: 'The requested resource was not found' } }],
  twilio_rate_limited: [{ params: { httpStatus: 429, twilioMessage: 'Too Many Requests' } }],
  twilio_unavailable: [{ params: { httpStatus: 502 } }, { params: { httpStatus: 503, twilioCode: 20500 } }],
  twilio_rejected: [{ params: { httpStatus: 400, twilioCode: 21211, twilioMessage: "Invalid 'To' Phone Number" } }],
  twilio_bad_response: [{}],
  account_inactive: ['suspended', 'closed', 'frozen'].map((status) => ({ params: { status } })),
  cannot_apply: [{ params: { reason: 'sandbox' } }, { params: { reason: 'twiml_app' } }],
  number_not_in_twilio: [{ params: { number: '+15005550006' } }],
  inbound_changed: [
    { params: { number: '+15005550006', reason: 'url_changed', currentUrl: 'https://elsewhere.example.com/sms' } },
    { params: { number: '+15005550006', reason: 'url_changed' } },
    { params: { number: '+15005550006', reason: 'route_moved' } },
  ],
  nothing_to_restore: [{ params: { number: '+15005550006' } }],
  changed_during_check: [{}],
  invalid_host_override: [
    { params: { variable: 'CHANNEL_DESK_TWILIO_API_URL', reason: 'not_a_url' } },
    { params: { variable: 'CHANNEL_DESK_TWILIO_API_URL', reason: 'not_https' } },
  ],
  not_a_whole_number: [{ field: 'capacityUnits' }, { field: 'wrapUpMinutes' }, { field: null }],
  out_of_range: [
    { field: 'autoCloseAfterMinutes', params: { min: 1, max: 43200, actual: 0 } },
    { field: 'capacityUnits', params: { min: 0, max: 10000, actual: -1 } },
    { field: 'wrapUpMinutes', params: { min: 1, max: 43200, actual: 50000 } },
    { field: null, params: { min: 1, max: 5, actual: 6 } },
  ],
  mode_locked: [{ field: 'mode' }],
  push_only: [{ field: 'keepSameAgent' }, { field: 'botName' }],
  none_chosen: [{ field: 'allowedPresences' }, { field: 'attachments' }],
  default_queue: [{}],
  queue_in_use: [
    { params: { names: '["Sales"]', count: 1 } },
    { params: { names: '["Sales","Support, EU"]', count: 2 } },
  ],
  used_by_workstreams: [
    { params: { what: 'account', names: '["Sales"]', count: 1 } },
    { params: { what: 'account', names: '["Sales","Support","VIP"]', count: 3 } },
    { params: { what: 'number', names: '["Sales"]', count: 1 } },
  ],
  number_in_use: [{ field: 'setupNumber', params: { workstream: 'Sales' } }],
  account_not_complete: [{ field: 'setupNumber', params: { account: 'Support EU' } }],
  unknown_language: [
    { field: 'setupLanguage', params: { language: 'xx_XX' } },
    { field: 'templates.1.language', params: { language: 'klingon' } },
  ],
  repeated_trigger: [{ field: 'automatedMessages.2.trigger', params: { trigger: 'agent_assigned' } }],
  unknown_placeholder: [{ field: 'automatedMessages.0.text', params: { placeholder: '{CustomerName}' } }],
  not_for_whatsapp: [{ field: 'surveyDelivery' }],
  invalid_content_sid: [{ field: 'templates.0.contentSid' }],
  duplicate_content_sid: [
    { field: 'templates.1.contentSid', params: { contentSid: 'HX0123456789abcdef0123456789abcdef' } },
  ],
  setup_incomplete: [{ params: { step: 'number' } }, { params: { step: 'language' } }],
  template_has_errors: [{ params: { count: 1 } }, { params: { count: 3 } }],
  already_published: [{ params: { contentSid: 'HX0123456789abcdef0123456789abcdef' } }],
  cannot_cancel: [{ params: { reason: 'running' } }, { params: { reason: 'in_twilio' } }],
  content_ambiguous: [{ params: { friendlyName: 'order_update_en_r1', count: 2 } }],
  passphrases_differ: [{ field: 'passphraseAgain' }],
  bundle_invalid: [
    { params: { rule: 'too_large', pointer: '', size: 70000000, max: 67108864 } },
    { params: { rule: 'too_deep', pointer: '', line: 3 } },
    { params: { rule: 'not_json', pointer: '', line: 12, column: 7 } },
    { params: { rule: 'too_new', pointer: '', version: '2', max: 1 } },
    { params: { rule: 'wrong_type', pointer: '/workstreams/2/name' } },
    { params: { rule: 'unknown_field', pointer: '/accounts/0/authToken', name: 'authToken' } },
    { params: { rule: 'wrong_passphrase', pointer: '' } },
    { params: { rule: 'rejected', pointer: '/queues/3' } },
    { params: { rule: 'secrets_damaged', pointer: '/secrets' } },
    { params: { rule: 'duplicate_id', pointer: '/queues/1/id', id: 'q-7', first: '/queues/0/id' } },
    { params: { rule: 'missing_reference', pointer: '/workstreams/0/fallbackQueueId', id: 'q-9', what: 'queue' } },
    { params: { rule: 'missing_reference', pointer: '/workstreams/0/whatsapp/numberId', id: 'n-9', what: 'number' } },
    { params: { rule: 'missing_reference', pointer: '/templates/0/accountId', id: 'a-9', what: 'account' } },
  ],
  clipboard: [{}],
  browser: [{ params: { url: 'https://www.twilio.com/docs/errors/20003' } }],
  storage: [
    { params: { reason: 'database' } },
    { params: { reason: 'migration' } },
    { params: { reason: 'no_data_folder', variable: 'CHANNEL_DESK_DATA_DIR' } },
    { params: { reason: 'create_folder', path: '/home/ada/.local/share/dev.channeldesk.desk' } },
    { params: { reason: 'move_folder', from: '/home/ada/old', to: '/home/ada/new' } },
    { params: { reason: 'busy' } },
    { params: { reason: 'read_file', path: '/home/ada/prod.json' } },
    { params: { reason: 'write_file', path: '/home/ada/dev.json' } },
  ],
} satisfies Record<ErrorCode, Omit<CodedError, 'code'>[]>;

const cases = Object.entries(SAMPLES).flatMap(([code, samples]) =>
  samples.map((sample) => ({ ...sample, code: code as ErrorCode }) as CodedError),
);

afterEach(() => showIn('en'));

describe('errorText', () => {
  for (const locale of locales) {
    it(`renders every code in ${locale} with its params filled in`, () => {
      showIn(locale);
      for (const error of cases) {
        const text = errorText(error);
        const what = `${error.code} ${JSON.stringify(error.params ?? {})} in ${locale}: ${text}`;
        expect(text.trim().length, what).toBeGreaterThan(5);
        expect(text, what).not.toMatch(/\bundefined\b|\bnull\b|\bNaN\b|\[object/);
        if (error.code !== 'unknown_placeholder') expect(text, what).not.toMatch(/\{\w+\}/);
        const tokens = ['reason', 'what', 'os', 'moreInfo', 'httpStatus', 'status', 'trigger', 'step', 'rule'];
        const listed = ['names'];
        const numbers = ['min', 'max', 'actual', 'count', 'size'];
        for (const [name, value] of Object.entries(error.params ?? {})) {
          // One workstream is named, not counted.
          if (tokens.includes(name) || (name === 'count' && value === 1)) continue;
          if (listed.includes(name)) {
            for (const item of listParam(error, name)) expect(text, what).toContain(item);
          } else if (numbers.includes(name)) {
            expect(text, what).toContain(new Intl.NumberFormat(locale).format(Number(value)));
          } else {
            expect(text, what).toContain(String(value));
          }
        }
        // A field's IPC name (`quickReplies.2.title`) never shows; its label does.
        if (error.field && /[A-Z.]/.test(error.field)) expect(text, what).not.toContain(error.field);
      }
    });
  }

  it('says what is wrong and how to fix it, in the current language', () => {
    const error: CodedError = { code: 'too_long', field: 'name', params: { max: 100, actual: 101 } };
    expect(errorText(error)).toBe('Account name can be at most 100 characters; this one has 101.');
    showIn('de');
    expect(errorText(error)).toBe('„Kontoname“ darf höchstens 100 Zeichen lang sein; dieser Wert hat 101.');
  });

  it('gives Twilio’s own words untranslated, quoted, with its error number', () => {
    showIn('ja');
    const text = errorText({ code: 'twilio_rejected', params: { httpStatus: 400, twilioCode: 21211, twilioMessage: "Invalid 'To' Phone Number" } });
    expect(text).toContain('Twilio が要求を拒否しました。');
    expect(text).toContain("Twilio エラー 21211:「Invalid 'To' Phone Number」");
  });

  it('falls back to the HTTP status when Twilio gave no error number', () => {
    expect(errorText({ code: 'twilio_unavailable', params: { httpStatus: 503, twilioMessage: 'Service Unavailable' } })).toBe(
      'Twilio is having trouble right now. Try again in a few minutes. Twilio answered HTTP 503: “Service Unavailable”',
    );
  });

  it('keeps a sentence whole when Twilio said nothing', () => {
    expect(errorText({ code: 'twilio_rate_limited', params: {} })).toBe(
      'Twilio is limiting how fast this account can make requests. Wait a minute and try again.',
    );
  });

  it('renders a stored answer’s problem the same way, also one kept before Twilio’s HTTP status was', () => {
    const stored: Problem = { code: 'twilio_auth_failed', field: null, params: { twilioCode: 20003, twilioMessage: 'Authenticate' } };
    showIn('zh-TW');
    expect(errorText(stored)).toBe(
      'Twilio 拒絕了這些認證。請在 Twilio Console 的 [Account Info] 下檢查 Account SID 和 Auth Token (或 API key SID 和祕密)；權杖已輪替、金鑰已刪除或多了空格都會造成此錯誤。Twilio 錯誤 20003：「Authenticate」',
    );
    const offline: Problem = { code: 'offline', field: null, params: { host: 'api.twilio.com' } };
    expect(errorText(offline)).toBe('無法連線到 api.twilio.com：此電腦似乎已離線。您的工作已儲存；恢復連線後請再檢查一次。');
  });

  it('names each field of a list item by its label, without the index', () => {
    expect(errorText({ code: 'too_long', field: 'quickReplies.2.text', params: { max: 1000, actual: 1001 } })).toBe(
      'Quick reply text can be at most 1,000 characters; this one has 1,001.',
    );
    showIn('ja');
    expect(errorText({ code: 'required', field: 'templates.0.contentSid' })).toBe('Content SID は必須です。');
  });

  it('gives ranges in the current language’s digits', () => {
    const error: CodedError = { code: 'out_of_range', field: 'autoCloseAfterMinutes', params: { min: 1, max: 43200, actual: 50000 } };
    expect(errorText(error)).toBe('Auto-close after inactivity must be from 1 to 43,200; this one is 50,000.');
    showIn('de');
    expect(errorText(error)).toBe('„Automatisch schließen nach Inaktivität“ muss zwischen 1 und 43.200 liegen; dieser Wert ist 50.000.');
  });

  it('lists the workstreams in the way of a delete, as the language lists things', () => {
    const error: CodedError = { code: 'queue_in_use', params: { names: '["Sales","Support, EU","VIP"]', count: 3 } };
    expect(errorText(error)).toBe(
      'This queue is the fallback queue of 3 workstreams: Sales, Support, EU, and VIP. Give them another fallback queue first.',
    );
    showIn('de');
    expect(errorText({ code: 'used_by_workstreams', params: { what: 'account', names: '["Sales"]', count: 1 } })).toBe(
      'Der Arbeitsstream Sales verwendet eine WhatsApp-Nummer dieses Kontos. Heben Sie die Bindung der Nummer auf, um das Konto zu löschen, oder brechen Sie ab.',
    );
  });

  it('shows the placeholders a message may use, braces and all', () => {
    const text = errorText({ code: 'unknown_placeholder', field: 'automatedMessages.0.text', params: { placeholder: '{Agent}' } });
    expect(text).toBe(
      "{Agent} is not a placeholder this message can use. Use {AgentName} for the agent's name and {QueueName} for the queue's name.",
    );
  });

  it('never shows Rust’s English message', () => {
    showIn('tr');
    const error = { code: 'last_number', field: null, params: {}, message: 'A complete account needs…' } as CodedError;
    expect(errorText(error)).not.toContain('A complete account');
  });
});

describe('listParam', () => {
  it('reads a list of names, as Rust sends it, keeping a comma inside a name', () => {
    expect(listParam({ code: 'queue_in_use', params: { names: '["Sales","Support, EU"]', count: 2 } }, 'names')).toEqual([
      'Sales',
      'Support, EU',
    ]);
  });

  it('gives an empty list for a missing or unreadable param', () => {
    expect(listParam({ code: 'queue_in_use', params: {} }, 'names')).toEqual([]);
    expect(listParam({ code: 'queue_in_use', params: { names: 'Sales' } }, 'names')).toEqual([]);
    expect(listParam({ code: 'queue_in_use', params: { names: 3 } }, 'names')).toEqual([]);
  });
});

describe('moreInfoUrl', () => {
  it('returns Twilio’s page about the error', () => {
    const url = 'https://www.twilio.com/docs/errors/20003';
    expect(moreInfoUrl({ code: 'twilio_auth_failed', params: { moreInfo: url } })).toBe(url);
  });

  it('offers no link when there is none, or when it leads anywhere but twilio.com over https', () => {
    expect(moreInfoUrl({ code: 'twilio_auth_failed', params: {} })).toBeNull();
    expect(moreInfoUrl({ code: 'twilio_auth_failed' })).toBeNull();
    expect(moreInfoUrl({ code: 'twilio_auth_failed', params: { moreInfo: 'http://www.twilio.com/docs' } })).toBeNull();
    expect(moreInfoUrl({ code: 'twilio_auth_failed', params: { moreInfo: 'https://twilio.com.evil.example/x' } })).toBeNull();
    expect(moreInfoUrl({ code: 'twilio_auth_failed', params: { moreInfo: 'not a url' } })).toBeNull();
  });
});
