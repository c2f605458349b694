// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { tick } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AccountSummary } from '$lib/bindings/AccountSummary';
import type { LibraryPage } from '$lib/bindings/LibraryPage';
import type { LibrarySearch } from '$lib/bindings/LibrarySearch';
import type { TemplateFamily } from '$lib/bindings/TemplateFamily';
import type { TemplateSummary } from '$lib/bindings/TemplateSummary';
import { errorText } from '$lib/errors';
import { showIn } from '$lib/i18n.svelte';
import type { AppError } from '$lib/ipc';
import { LibraryStore, type LibraryIpc } from '$lib/library.svelte';
import { OutboxStore } from '$lib/outbox.svelte';
import { LanguagesStore } from '$lib/setup/languages.svelte';
import { TemplateSyncStore } from '$lib/template-sync.svelte';
import TemplatesList from './TemplatesList.svelte';
import '../dialog.test-support';

const ACCOUNTS = [{ id: 'acc-1', name: 'Contoso' }, { id: 'acc-2', name: 'Fabrikam' }].map(
  (a): AccountSummary => ({
    ...a,
    accountSid: 'AC0123456789abcdef0123456789abcdef',
    secretLost: false,
    numberCount: 1,
    numbers: ['+14155550100'],
    status: 'complete',
    nextStep: 'done',
    verification: 'verified',
    drift: null,
    updatedAt: '2026-11-22T10:00:00Z',
  }),
);

const LANGUAGES = [
  { code: 'en', tag: 'en' },
  { code: 'de', tag: 'de' },
  { code: 'pt_BR', tag: 'pt-BR' },
  { code: 'it', tag: 'it' },
  { code: 'ja', tag: 'ja' },
  { code: 'tr', tag: 'tr' },
];

function language(language: string, status: 'draft' | 'published', approvalStatus: string | null, revision = 1) {
  return { draftId: `${language}-${revision}`, language, revision, status, approvalStatus };
}

/** The template at `i`: English approved, German a draft, the rest of the library's languages missing. */
function summary(i: number, overrides: Partial<TemplateSummary> = {}): TemplateSummary {
  return {
    id: `t-${i}`,
    name: `template_${String(i).padStart(5, '0')}`,
    category: 'utility',
    accountId: 'acc-1',
    languages: [language('en', 'published', 'approved'), language('de', 'draft', null)],
    languagesMissing: ['it', 'ja', 'pt_BR', 'tr'],
    updatedAt: '2026-11-22T10:00:00Z',
    ...overrides,
  };
}

/** A library of `total` templates (the first ones as `first` has them) that answers each window asked for. */
function fakeIpc(total: number, first: TemplateSummary[] = []) {
  return {
    searchTemplates: vi.fn(async (q: LibrarySearch): Promise<LibraryPage> => {
      const found = q.text.includes('nothing') ? 0 : total;
      const rows = [];
      for (let i = q.offset; i < Math.min(found, q.offset + q.limit); i++) rows.push(first[i] ?? summary(i));
      return { total: found, offset: q.offset, rows };
    }),
    createTemplate: vi.fn(async (): Promise<TemplateFamily> => Promise.reject(new Error('not expected'))),
  } satisfies LibraryIpc;
}

function show(api: ReturnType<typeof fakeIpc>) {
  const store = new LibraryStore(api);
  const sync = new TemplateSyncStore({ syncTemplates: vi.fn(), stopSync: vi.fn() });
  const outbox = new OutboxStore({
    outboxItems: async () => [],
    onOutboxEvent: async () => () => {},
    runOutbox: vi.fn(),
    stopOutbox: vi.fn(),
    retryOutboxItem: vi.fn(),
    cancelOutboxItem: vi.fn(),
  });
  const languages = new LanguagesStore({ channelLanguages: async () => LANGUAGES });
  const onopen = vi.fn();
  const oncreated = vi.fn();
  render(TemplatesList, { store, sync, outbox, accounts: ACCOUNTS, languages, onopen, oncreated });
  return { store, onopen, oncreated };
}

const drawn = () => [...document.querySelectorAll<HTMLLIElement>('#templates-list > li[data-index]')];
const drawnNames = () => drawn().map((r) => r.querySelector('a.name')?.textContent);
const count = () => document.getElementById('templates-count')?.textContent?.trim();
const offsets = (api: ReturnType<typeof fakeIpc>) => api.searchTemplates.mock.calls.map(([q]) => q.offset);

function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`no #${id}`);
  return found as T;
}

function rowOf(id: string): HTMLElement {
  const found = document.querySelector<HTMLElement>(`li[data-template-id="${id}"]`);
  if (!found) throw new Error(`no row ${id}`);
  return found;
}

afterEach(() => {
  showIn('en');
  document.body.innerHTML = '';
  vi.useRealTimers();
});

describe('ten thousand templates', () => {
  it('draws only the rows in view, from one window read, and says how many there are', async () => {
    const api = fakeIpc(10_000);
    show(api);
    await waitFor(() => expect(count()).toBe('10,000 templates'));
    expect(drawn().length).toBeGreaterThan(5);
    expect(drawn().length).toBeLessThan(30);
    expect(drawnNames()[0]).toBe('template_00000');
    expect(offsets(api)).toEqual([0]);
    // The list's height is the whole library's, and each row says where it is among all.
    expect(parseInt(byId('templates-list').style.height)).toBeGreaterThan(10_000 * 50);
    expect(drawn()[0].getAttribute('aria-setsize')).toBe('10000');
    expect(drawn()[0].getAttribute('aria-posinset')).toBe('1');
  });

  it('reads and draws the rows where the list is scrolled to, and no window in between', async () => {
    const api = fakeIpc(10_000);
    show(api);
    await waitFor(() => expect(drawnNames()[0]).toBe('template_00000'));
    const scroller = document.querySelector<HTMLElement>('.scroller');
    if (!scroller) throw new Error('no scroller');
    Object.defineProperty(scroller, 'scrollTop', { value: 76 * 5_000, configurable: true });
    await fireEvent.scroll(scroller);
    await waitFor(() => expect(drawnNames()).toContain('template_05000'));
    expect(drawnNames()).not.toContain('template_00000');
    expect(drawn().length).toBeLessThan(30);
    expect(offsets(api).every((o) => o === 0 || (o >= 4_900 && o <= 5_000))).toBe(true);
  });
});

describe('a template’s row', () => {
  it('shows its name, category, account, each language with its status, and its gaps', async () => {
    const api = fakeIpc(2, [
      summary(0),
      summary(1, {
        name: 'order_update',
        category: 'marketing',
        accountId: null,
        languages: [language('en', 'published', 'approved'), language('en', 'draft', null, 2)],
        languagesMissing: ['de'],
      }),
    ]);
    const { onopen } = show(api);
    await waitFor(() => expect(drawn()).toHaveLength(2));

    const first = rowOf('t-0');
    expect(first.querySelector('.category')?.textContent).toBe('Utility');
    expect(first.querySelector('.account')?.textContent).toBe('Contoso');
    const chips = within(first).getByRole('list', { name: 'Languages of template_00000' });
    expect([...chips.querySelectorAll('li')].map((l) => l.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      'en English Approved',
      'de German Draft',
    ]);
    await waitFor(() =>
      expect(first.querySelector('.gaps')?.textContent).toBe(
        'No translation yet: Italian, Japanese, Brazilian Portuguese and 1 more',
      ),
    );
    expect(first.querySelector('[data-flag]')).toBeNull();

    const second = rowOf('t-1');
    expect(second.querySelector('.account')?.textContent).toBe('No account yet');
    expect(second.querySelector('.category')?.textContent).toBe('Marketing');
    expect(second.querySelector('.language[data-status="draft"]')?.textContent).toContain('revision 2');
    expect(second.querySelector('.gaps')?.textContent).toBe('No translation yet: German');

    await fireEvent.click(within(second).getByRole('link', { name: 'order_update' }));
    expect(onopen).toHaveBeenCalledWith('t-1');
  });

  it('flags in words a language WhatsApp paused or disabled after approving it', async () => {
    const api = fakeIpc(1, [
      summary(0, {
        languages: [
          language('en', 'published', 'PAUSED'),
          language('de', 'published', 'disabled'),
          language('it', 'published', 'rejected'),
        ],
        languagesMissing: [],
      }),
    ]);
    show(api);
    await waitFor(() => expect(drawn()).toHaveLength(1));
    const flag = rowOf('t-0').querySelector('[data-flag="stopped"]');
    await waitFor(() => expect(flag?.textContent).toContain('WhatsApp paused or disabled: English, German'));
    expect(flag?.textContent).not.toContain('Italian');
    expect(rowOf('t-0').querySelector('.language[data-status="paused"]')?.textContent).toContain('Paused');
  });

  it('is in the user’s language', async () => {
    showIn('de');
    show(fakeIpc(10_000));
    await waitFor(() => expect(count()).toBe('10.000 Vorlagen'));
    const first = drawn()[0];
    expect(first.querySelector('.category')?.textContent).toBe('Dienstprogramm');
    expect(first.querySelector('.language[data-status="approved"] .status')?.textContent).toBe('Genehmigt');
    await waitFor(() => expect(first.querySelector('.gaps')?.textContent).toContain('Italienisch'));
  });
});

describe('search and filters', () => {
  it('searches once typing rests, and announces how many templates it found', async () => {
    const api = fakeIpc(10_000);
    show(api);
    await waitFor(() => expect(count()).toBe('10,000 templates'));
    expect(byId('templates-count').getAttribute('role')).toBe('status');
    const search = screen.getByLabelText('Search templates');
    await fireEvent.input(search, { target: { value: 'ord' } });
    await fireEvent.input(search, { target: { value: 'order' } });
    expect(api.searchTemplates).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(api.searchTemplates).toHaveBeenCalledTimes(2));
    expect(api.searchTemplates.mock.lastCall?.[0]).toMatchObject({ text: 'order', offset: 0 });
  });

  it('filters by status, category, language (named in the UI’s language) and account, or none yet', async () => {
    const api = fakeIpc(3);
    show(api);
    await waitFor(() => expect(count()).toBe('3 templates'));
    const last = () => api.searchTemplates.mock.lastCall?.[0];

    await fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'paused' } });
    expect(last()).toMatchObject({ statuses: ['paused'] });
    await fireEvent.change(screen.getByLabelText('Category'), { target: { value: 'marketing' } });
    expect(last()).toMatchObject({ statuses: ['paused'], categories: ['marketing'] });

    const languageFilter = screen.getByLabelText<HTMLSelectElement>('Language');
    await waitFor(() => expect(within(languageFilter).getByRole('option', { name: 'German (de)' })).toBeTruthy());
    await fireEvent.change(languageFilter, { target: { value: 'de' } });
    expect(last()).toMatchObject({ languages: ['de'] });

    const accountFilter = screen.getByLabelText<HTMLSelectElement>('Messaging account');
    expect([...accountFilter.options].map((o) => o.textContent)).toEqual(['All', 'No account yet', 'Contoso', 'Fabrikam']);
    await fireEvent.change(accountFilter, { target: { value: 'acc-2' } });
    expect(last()).toMatchObject({ accountIds: ['acc-2'], withoutAccount: false });
    await fireEvent.change(accountFilter, { target: { value: 'none' } });
    expect(last()).toMatchObject({ accountIds: [], withoutAccount: true });
  });

  it('says when nothing matches, and clears the search and filters', async () => {
    const api = fakeIpc(3);
    const { store } = show(api);
    await waitFor(() => expect(count()).toBe('3 templates'));
    store.text = 'nothing';
    store.languages = ['de'];
    await store.search();
    await tick();
    expect(byId('templates-no-match').textContent).toContain('No template matches this search and these filters.');
    expect(document.getElementById('templates-empty')).toBeNull();
    expect(drawn()).toHaveLength(0);

    await fireEvent.click(screen.getByRole('button', { name: 'Clear search and filters' }));
    await waitFor(() => expect(drawn()).toHaveLength(3));
    expect(api.searchTemplates.mock.lastCall?.[0]).toMatchObject({ text: '', languages: [] });
    expect(screen.getByLabelText<HTMLInputElement>('Search templates').value).toBe('');
    expect(document.getElementById('templates-no-match')).toBeNull();
  });

  it('invites to create the first template when there is none', async () => {
    show(fakeIpc(0));
    const empty = await waitFor(() => byId('templates-empty'));
    expect(count()).toBe('0 templates');
    await fireEvent.click(within(empty).getByRole('button', { name: 'Create a message template' }));
    await waitFor(() => expect(byId<HTMLDialogElement>('new-template-dialog').open).toBe(true));
  });
});

describe('the keyboard', () => {
  it('reaches each template by its link, and Up and Down move between them', async () => {
    show(fakeIpc(10_000));
    await waitFor(() => expect(drawn().length).toBeGreaterThan(5));
    const link = (index: number) => document.querySelector<HTMLElement>(`li[data-index="${index}"] a.name`);
    link(0)?.focus();
    await fireEvent.keyDown(document.activeElement ?? document.body, { key: 'ArrowDown' });
    await waitFor(() => expect(document.activeElement).toBe(link(1)));
    await fireEvent.keyDown(document.activeElement ?? document.body, { key: 'ArrowUp' });
    await waitFor(() => expect(document.activeElement).toBe(link(0)));
    // Nothing above the first.
    await fireEvent.keyDown(document.activeElement ?? document.body, { key: 'ArrowUp' });
    expect(document.activeElement).toBe(link(0));
  });
});

describe('New template', () => {
  const refusal: AppError = {
    code: 'duplicate_name',
    field: 'templateName',
    params: { what: 'template', name: 'order_update' },
    more: [{ code: 'unknown_language', field: 'templateLanguage', params: { language: 'xx' }, more: [] }],
  };

  async function openDialog(api: ReturnType<typeof fakeIpc>) {
    const shown = show(api);
    await fireEvent.click(screen.getByRole('button', { name: 'New template' }));
    await waitFor(() => expect(byId<HTMLDialogElement>('new-template-dialog').open).toBe(true));
    return shown;
  }

  it('shows each problem of a refused create under its field', async () => {
    const api = fakeIpc(0);
    api.createTemplate.mockRejectedValueOnce(refusal);
    await openDialog(api);
    await fireEvent.input(screen.getByLabelText(/WhatsApp template name/), { target: { value: 'order_update' } });
    await fireEvent.click(byId('create-template'));

    const name = byId<HTMLInputElement>('template-name');
    await waitFor(() => expect(name.getAttribute('aria-invalid')).toBe('true'));
    expect(byId('template-name-error').textContent).toBe(errorText(refusal));
    expect(name.getAttribute('aria-describedby')).toContain('template-name-error');
    const lang = byId<HTMLSelectElement>('template-language');
    expect(lang.getAttribute('aria-invalid')).toBe('true');
    expect(byId('template-language-error').textContent).toBe(errorText(refusal.more[0]));
    expect(byId<HTMLDialogElement>('new-template-dialog').open).toBe(true);
  });

  it('creates the template with its first language, empty, and opens it', async () => {
    const api = fakeIpc(0);
    const family: TemplateFamily = {
      id: 't-new',
      name: 'order_update',
      category: 'marketing',
      accountId: 'acc-2',
      drafts: [],
      createdAt: '2026-11-22T10:00:00Z',
      updatedAt: '2026-11-22T10:00:00Z',
    };
    api.createTemplate.mockResolvedValueOnce(family);
    const { oncreated } = await openDialog(api);
    await fireEvent.input(byId('template-name'), { target: { value: 'order_update' } });
    await fireEvent.change(byId('template-category'), { target: { value: 'marketing' } });
    await fireEvent.change(byId('template-account'), { target: { value: 'acc-2' } });
    await waitFor(() => expect(within(byId('template-language')).getByRole('option', { name: 'German (de)' })).toBeTruthy());
    await fireEvent.change(byId('template-language'), { target: { value: 'de' } });
    expect([...byId<HTMLSelectElement>('template-type').options].map((o) => o.value)).toEqual([
      'twilio/text',
      'twilio/media',
      'twilio/quick-reply',
      'twilio/call-to-action',
      'twilio/card',
      'whatsapp/card',
    ]);
    await fireEvent.change(byId('template-type'), { target: { value: 'twilio/quick-reply' } });
    await fireEvent.click(byId('create-template'));

    await waitFor(() => expect(oncreated).toHaveBeenCalledWith(family));
    expect(api.createTemplate).toHaveBeenCalledWith({
      name: 'order_update',
      category: 'marketing',
      accountId: 'acc-2',
      language: 'de',
      content: { type: 'twilio/quick-reply', body: '', actions: [] },
      variables: {},
    });
    await waitFor(() => expect(byId<HTMLDialogElement>('new-template-dialog').open).toBe(false));
  });
});
