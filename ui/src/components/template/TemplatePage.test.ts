// @vitest-environment jsdom
import { fireEvent, render, waitFor } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AccountSummary } from '$lib/bindings/AccountSummary';
import type { LintDraft } from '$lib/bindings/LintDraft';
import type { LintFinding } from '$lib/bindings/LintFinding';
import type { StatusEntry } from '$lib/bindings/StatusEntry';
import type { TemplateDraft } from '$lib/bindings/TemplateDraft';
import type { TemplateFamily } from '$lib/bindings/TemplateFamily';
import { formatDateTime } from '$lib/format';
import { showIn } from '$lib/i18n.svelte';
import { m } from '$lib/paraglide/messages';
import { LanguagesStore } from '$lib/setup/languages.svelte';
import { TemplatePageStore, type TemplatePageIpc } from '$lib/template/template-page.svelte';
import TemplatePage from './TemplatePage.svelte';
import '../dialog.test-support';

afterEach(() => showIn('en'));

function draft(overrides: Partial<TemplateDraft> = {}): TemplateDraft {
  return {
    id: 'd-en',
    familyId: 'f-1',
    language: 'en',
    revision: 1,
    content: { type: 'twilio/text', body: 'Hello {{ 1 }}, your order has shipped.' },
    variables: {},
    status: 'draft',
    contentSid: null,
    approvalStatus: null,
    createdAt: '2026-11-22T10:00:00Z',
    updatedAt: '2026-11-22T10:00:00Z',
    ...overrides,
  };
}

const family = (drafts: TemplateDraft[]): TemplateFamily => ({
  id: 'f-1',
  name: 'order_update',
  category: 'utility',
  accountId: 'acc-1',
  drafts,
  createdAt: '2026-11-22T10:00:00Z',
  updatedAt: '2026-11-22T10:00:00Z',
});

const UNNUMBERED: LintFinding = {
  code: 'variable_not_numbered',
  severity: 'error',
  component: { kind: 'body' },
  span: { start: 6, end: 13 },
  params: {},
  fix: { kind: 'replace', component: { kind: 'body' }, span: { start: 6, end: 13 }, text: '{{1}}' },
};

const ACCOUNTS: AccountSummary[] = [];

function fakeIpc(drafts: TemplateDraft[], findings: (d: LintDraft) => LintFinding[] = () => [], history: StatusEntry[] = []) {
  const notExpected = () => Promise.reject(new Error('not expected'));
  return {
    getTemplate: vi.fn(async () => family(drafts)),
    saveTemplateDetails: vi.fn(notExpected),
    addTemplateLanguage: vi.fn(notExpected),
    saveTemplateContent: vi.fn(async (id: string, input) => draft({ ...drafts.find((d) => d.id === id), ...input })),
    newTemplateRevision: vi.fn<TemplatePageIpc['newTemplateRevision']>(notExpected),
    templateHistory: vi.fn(async () => history),
    lintTemplate: vi.fn(async (_f: string | null, _a: string | null, d: LintDraft) => findings(d)),
    applyLintFix: vi.fn(async (d: LintDraft): Promise<LintDraft> => d),
    publishTemplate: vi.fn(notExpected),
    runOutbox: vi.fn(notExpected),
    deleteTemplate: vi.fn(notExpected),
  } satisfies TemplatePageIpc;
}

const LANGUAGES = [
  { code: 'en', tag: 'en' },
  { code: 'de', tag: 'de' },
  { code: 'ar', tag: 'ar' },
];

async function shown(api: TemplatePageIpc) {
  const page = new TemplatePageStore('f-1', api);
  const languages = new LanguagesStore({ channelLanguages: async () => LANGUAGES });
  render(TemplatePage, { page, accounts: ACCOUNTS, languages, onback: vi.fn() });
  await waitFor(() => expect(document.getElementById('template-title')?.textContent).toBe('order_update'));
  return page;
}

const byId = <T extends HTMLElement = HTMLElement>(id: string): T => {
  const found = document.getElementById(id);
  if (!found) throw new Error(`no #${id}`);
  return found as T;
};

describe("a template's page", () => {
  it("lists each finding in the UI's language, with its Fix, and marks its span in the field", async () => {
    showIn('de');
    const api = fakeIpc([draft()], (d) => (d.content.type === 'twilio/text' && d.content.body.includes('{{ 1 }}') ? [UNNUMBERED] : []));
    await shown(api);
    await waitFor(() => expect(byId('findings-en').querySelector('.finding[data-code="variable_not_numbered"]')).not.toBeNull());
    const item = byId('findings-en').querySelector('.finding') as HTMLElement;
    expect(item.textContent).toContain(m.template_lint_variable_not_numbered({ first: '{{1}}', second: '{{2}}' }, { locale: 'de' }));
    expect(item.textContent).toContain(m.template_severity_error({}, { locale: 'de' }));
    expect(byId('fix-en-0').textContent).toBe(m.template_fix({}, { locale: 'de' }));
    expect(byId('findings-en-summary').textContent?.trim()).toBe(
      m.template_findings_summary({ errors: 1, warnings: 0 }, { locale: 'de' }),
    );

    const marked = byId('body-en-marks').querySelectorAll('mark');
    expect([...marked].map((k) => [k.textContent, k.dataset.severity])).toEqual([['{{ 1 }}', 'error']]);
    expect(byId('body-en').getAttribute('aria-invalid')).toBe('true');

    await fireEvent.click(byId('fix-en-0'));
    await waitFor(() => expect(api.applyLintFix).toHaveBeenCalledWith(expect.objectContaining({ language: 'en' }), UNNUMBERED.fix));
  });

  it('marks a span after an emoji where the characters are, not the UTF-16 units', async () => {
    const body = 'Hi 👋 {{ 1 }}, your order has shipped.';
    const finding = { ...UNNUMBERED, span: { start: 5, end: 12 } };
    await shown(fakeIpc([draft({ content: { type: 'twilio/text', body } })], () => [finding]));
    await waitFor(() => expect(byId('body-en-marks').querySelector('mark')?.textContent).toBe('{{ 1 }}'));
    expect(byId('body-en-marks').textContent?.startsWith('Hi 👋 {{ 1 }},')).toBe(true);
  });

  it('previews the samples in a bubble, right to left for Arabic', async () => {
    await shown(
      fakeIpc([
        draft({ content: { type: 'twilio/text', body: 'Hello {{1}}, your order *has shipped*.' }, variables: { '1': 'Maria' } }),
        draft({ id: 'd-ar', language: 'ar', content: { type: 'twilio/text', body: 'مرحبا {{1}}، تم شحن طلبك.' }, variables: { '1': 'مريم' } }),
      ]),
    );
    const en = byId('preview-en').querySelector('.bubble') as HTMLElement;
    expect(en.getAttribute('dir')).toBe('ltr');
    expect(en.querySelector('.body')?.textContent).toBe('Hello Maria, your order has shipped.');
    expect(en.querySelector('.body strong')?.textContent).toBe('has shipped');
    const ar = byId('preview-ar').querySelector('.bubble') as HTMLElement;
    expect(ar.getAttribute('dir')).toBe('rtl');
    expect(ar.textContent).toContain('مرحبا مريم، تم شحن طلبك.');
  });

  it('shows a published language read-only with its timeline, and Edit makes revision 2', async () => {
    const published = draft({
      status: 'published',
      contentSid: 'HX0123456789abcdef0123456789abcdef',
      approvalStatus: 'rejected',
      content: { type: 'twilio/text', body: 'Hello {{1}}, your order has shipped.' },
    });
    const history = [
      { status: 'pending', reason: null, at: '2026-11-22T10:05:00Z' },
      { status: 'rejected', reason: 'INVALID_FORMAT: the body ends with a variable', at: '2026-11-22T11:00:00Z' },
    ];
    const api = fakeIpc([published], () => [], history);
    const next = draft({ id: 'd-en-2', revision: 2, content: published.content });
    api.newTemplateRevision.mockResolvedValueOnce(next);
    const page = await shown(api);

    await waitFor(() => expect(document.getElementById('timeline-en')).not.toBeNull());
    expect(document.getElementById('body-en')).toBeNull();
    expect(document.getElementById('publish-en')).toBeNull();
    const timeline = byId('timeline-en').textContent ?? '';
    expect(timeline).toContain('INVALID_FORMAT: the body ends with a variable');
    expect(timeline).toContain(formatDateTime('2026-11-22T11:00:00Z'));

    api.getTemplate.mockResolvedValue(family([published, next]));
    await fireEvent.click(byId('edit-en'));
    await waitFor(() => expect(document.getElementById('body-en')).not.toBeNull());
    expect(api.newTemplateRevision).toHaveBeenCalledWith('d-en');
    expect(byId<HTMLTextAreaElement>('body-en').value).toBe('Hello {{1}}, your order has shipped.');
    expect(byId('language-en-title').closest('section')?.textContent).toContain(m.template_revision({ revision: 2 }));
    expect(page.editors[0].draft.id).toBe('d-en-2');
  });

  it("edits a card's header, footer and buttons, with a sample for each variable in any of its texts", async () => {
    const card = draft({
      content: {
        type: 'whatsapp/card',
        body: 'Hi {{2}}, your order is on its way to you.',
        headerText: 'Order {{1}}',
        footer: 'Contoso',
        media: [],
        actions: [{ type: 'URL', title: 'Track it', url: 'https://example.com/track/{{3}}' }],
      },
      variables: { '1': 'A-17', '2': 'Maria' },
    });
    const missing: LintFinding = {
      code: 'variable_missing_sample',
      severity: 'error',
      component: { kind: 'button_url', index: 0 },
      span: { start: 26, end: 31 },
      params: { variable: 3 },
      fix: null,
    };
    await shown(fakeIpc([card], () => [missing]));
    expect(byId<HTMLInputElement>('header-en').value).toBe('Order {{1}}');
    expect(byId<HTMLInputElement>('footer-en').value).toBe('Contoso');
    expect(byId<HTMLInputElement>('button-text-en-0').value).toBe('Track it');
    expect(byId<HTMLInputElement>('button-target-en-0').value).toBe('https://example.com/track/{{3}}');
    const rows = [...byId('samples-en').querySelectorAll('tbody tr')].map((r) => r.querySelector('th')?.textContent);
    expect(rows).toEqual(['{{1}}', '{{2}}', '{{3}}']);
    expect(byId<HTMLInputElement>('sample-en-2').value).toBe('Maria');
    await waitFor(() => expect(byId('sample-en-3').getAttribute('aria-invalid')).toBe('true'));
    expect(byId('button-target-en-0-marks').querySelector('mark')?.textContent).toBe('{{3}}');
    expect(byId('preview-en').querySelector('.buttons')?.textContent).toContain('Track it');
  });

  it("shows a refused name under the name field", async () => {
    const api = fakeIpc([draft()]);
    api.saveTemplateDetails.mockRejectedValueOnce({
      code: 'duplicate_name',
      field: 'templateName',
      params: { what: 'template', name: 'order_update' },
      more: [],
    });
    await shown(api);
    await fireEvent.input(byId('template-details-name'), { target: { value: 'order_update2' } });
    await fireEvent.click(byId('save-template-details'));
    await waitFor(() => expect(byId('template-details-name').getAttribute('aria-invalid')).toBe('true'));
    const described = byId('template-details-name').getAttribute('aria-describedby') ?? '';
    expect(described.split(' ').some((id) => document.getElementById(id)?.textContent?.includes('order_update'))).toBe(true);
  });

  it('lints the name as it is typed', async () => {
    const api = fakeIpc([draft()]);
    await shown(api);
    await fireEvent.input(byId('template-details-name'), { target: { value: 'Order Update' } });
    await waitFor(() =>
      expect(api.lintTemplate).toHaveBeenLastCalledWith('f-1', 'acc-1', expect.objectContaining({ name: 'Order Update' })),
    );
  });

  it('adds only a language not there yet, and hides one on request', async () => {
    await shown(fakeIpc([draft(), draft({ id: 'd-de', language: 'de' })]));
    await waitFor(() => expect(byId('add-language-select').querySelectorAll('option').length).toBe(2));
    const offered = [...byId('add-language-select').querySelectorAll('option')].map((o) => o.value);
    expect(offered).toEqual(['', 'ar']);

    expect(document.getElementById('body-de')).not.toBeNull();
    await fireEvent.click(byId('show-language-de'));
    expect(document.getElementById('body-de')).toBeNull();
    expect(document.getElementById('body-en')).not.toBeNull();
  });
});
