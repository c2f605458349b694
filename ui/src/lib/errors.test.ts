import { afterEach, describe, expect, it } from 'vitest';
import type { ErrorCode } from './bindings/ErrorCode';
import type { Problem } from './bindings/Problem';
import { errorText, moreInfoUrl, type CodedError } from './errors';
import { locales, showIn } from './i18n.svelte';

/** Every code with the params Rust sends for it; `satisfies` fails when a code is added or removed. */
const SAMPLES = {
  required: [{ field: 'accountSid' }, { field: null }],
  too_long: [
    { field: 'name', params: { max: 100, actual: 101 } },
    { field: 'callbackBaseUrl', params: { max: 460, actual: 470 } },
    { field: null, params: { max: 100, actual: 120 } },
  ],
  duplicate_name: [{ field: 'name', params: { name: 'Support EU' } }],
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
  ],
  not_found: [{ params: { what: 'account' } }, { params: { what: 'number' } }],
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
  clipboard: [{}],
  browser: [{ params: { url: 'https://www.twilio.com/docs/errors/20003' } }],
  storage: [
    { params: { reason: 'database' } },
    { params: { reason: 'migration' } },
    { params: { reason: 'no_data_folder', variable: 'CHANNEL_DESK_DATA_DIR' } },
    { params: { reason: 'create_folder', path: '/home/ada/.local/share/dev.channeldesk.desk' } },
    { params: { reason: 'move_folder', from: '/home/ada/old', to: '/home/ada/new' } },
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
        expect(text, what).not.toMatch(/\{\w+\}/);
        for (const value of Object.entries(error.params ?? {})
          .filter(([name]) => !['reason', 'what', 'os', 'moreInfo', 'httpStatus', 'status'].includes(name))
          .map(([, v]) => String(v))) {
          expect(text, what).toContain(value);
        }
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

  it('never shows Rust’s English message', () => {
    showIn('tr');
    const error = { code: 'last_number', field: null, params: {}, message: 'A complete account needs…' } as CodedError;
    expect(errorText(error)).not.toContain('A complete account');
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
