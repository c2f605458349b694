import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LintDraft } from '../bindings/LintDraft';
import type { LintFinding } from '../bindings/LintFinding';
import type { LintFix } from '../bindings/LintFix';
import type { TemplateDraft } from '../bindings/TemplateDraft';
import type { TemplateFamily } from '../bindings/TemplateFamily';
import { LINT_DELAY_MS, SAVE_DELAY_MS, TemplatePageStore, type TemplatePageIpc } from './template-page.svelte';

function draft(overrides: Partial<TemplateDraft> = {}): TemplateDraft {
  return {
    id: 'd-en',
    familyId: 'f-1',
    language: 'en',
    revision: 1,
    content: { type: 'twilio/text', body: 'Hello {{1}}, your order has shipped.' },
    variables: { '1': 'Maria' },
    status: 'draft',
    contentSid: null,
    approvalStatus: null,
    createdAt: '2026-11-22T10:00:00Z',
    updatedAt: '2026-11-22T10:00:00Z',
    ...overrides,
  };
}

function family(drafts: TemplateDraft[]): TemplateFamily {
  return {
    id: 'f-1',
    name: 'order_update',
    category: 'utility',
    accountId: 'acc-1',
    drafts,
    createdAt: '2026-11-22T10:00:00Z',
    updatedAt: '2026-11-22T10:00:00Z',
  };
}

const FIX: LintFix = { kind: 'replace', component: { kind: 'body' }, span: { start: 6, end: 13 }, text: '{{1}}' };

const finding = (code: LintFinding['code']): LintFinding => ({
  code,
  severity: 'error',
  component: { kind: 'body' },
  span: { start: 6, end: 13 },
  params: {},
  fix: FIX,
});

function fakeIpc(drafts: TemplateDraft[]) {
  const notExpected = () => Promise.reject(new Error('not expected'));
  return {
    getTemplate: vi.fn(async () => family(drafts)),
    saveTemplateDetails: vi.fn(notExpected),
    addTemplateLanguage: vi.fn(notExpected),
    saveTemplateContent: vi.fn(async (id: string, input) =>
      draft({ ...drafts.find((d) => d.id === id), id, ...input, updatedAt: '2026-11-22T10:05:00Z' }),
    ),
    newTemplateRevision: vi.fn<TemplatePageIpc['newTemplateRevision']>(notExpected),
    templateHistory: vi.fn<TemplatePageIpc['templateHistory']>(async () => []),
    lintTemplate: vi.fn(async (): Promise<LintFinding[]> => []),
    applyLintFix: vi.fn(async (d: LintDraft): Promise<LintDraft> => d),
    publishTemplate: vi.fn(notExpected),
    runOutbox: vi.fn(notExpected),
    deleteTemplate: vi.fn(notExpected),
  } satisfies TemplatePageIpc;
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('a template page', () => {
  it('shows the latest revision of each language, and lints each', async () => {
    const api = fakeIpc([
      draft({ id: 'd-en-1', status: 'published', contentSid: 'HX0123456789abcdef0123456789abcdef' }),
      draft({ id: 'd-en-2', revision: 2 }),
      draft({ id: 'd-de', language: 'de' }),
    ]);
    const page = new TemplatePageStore('f-1', api);
    await page.load();
    expect(page.editors.map((e) => e.draft.id)).toEqual(['d-en-2', 'd-de']);
    expect(api.lintTemplate).toHaveBeenCalledTimes(2);
  });

  it('saves typing once it rests, and drops a lint answer that a newer edit overtook', async () => {
    const api = fakeIpc([draft()]);
    const page = new TemplatePageStore('f-1', api);
    await page.load();
    const editor = page.editors[0];
    let answerFirst: (f: LintFinding[]) => void = () => {};
    api.lintTemplate.mockImplementationOnce(() => new Promise((resolve) => (answerFirst = resolve)));
    editor.edited({ type: 'twilio/text', body: 'Hello {{ 1 }}' });
    await vi.advanceTimersByTimeAsync(LINT_DELAY_MS);
    editor.edited({ type: 'twilio/text', body: 'Hello {{1}}, your order.' });
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS);
    answerFirst([finding('variable_not_numbered')]);
    await vi.runAllTimersAsync();
    expect(editor.findings).toEqual([]);
    expect(api.saveTemplateContent).toHaveBeenCalledTimes(1);
    expect(api.saveTemplateContent.mock.calls[0][1].content).toEqual({ type: 'twilio/text', body: 'Hello {{1}}, your order.' });
    expect(editor.saveState).toBe('saved');
    expect(page.unsaved).toBe(false);
  });

  it('applies a fix, then saves and lints what it made', async () => {
    const api = fakeIpc([draft({ content: { type: 'twilio/text', body: 'Hello {{ 1 }}, your order.' } })]);
    api.lintTemplate.mockResolvedValueOnce([finding('variable_not_numbered')]);
    const page = new TemplatePageStore('f-1', api);
    await page.load();
    const editor = page.editors[0];
    expect(editor.errors).toBe(1);
    api.applyLintFix.mockImplementationOnce(async (d) => ({ ...d, content: { type: 'twilio/text', body: 'Hello {{1}}, your order.' } }));
    await editor.fix(FIX);
    expect(api.applyLintFix).toHaveBeenCalledWith(expect.objectContaining({ name: 'order_update', language: 'en' }), FIX);
    expect(api.saveTemplateContent.mock.calls[0][1].content).toEqual({ type: 'twilio/text', body: 'Hello {{1}}, your order.' });
    expect(editor.findings).toEqual([]);
  });

  it('waits for typing to rest before it saves, then saves once', async () => {
    const api = fakeIpc([draft()]);
    const page = new TemplatePageStore('f-1', api);
    await page.load();
    const editor = page.editors[0];
    for (const body of ['H', 'He', 'Hel', 'Hello {{1}}, it shipped.']) {
      editor.edited({ type: 'twilio/text', body });
      await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS / 2);
    }
    expect(api.saveTemplateContent).not.toHaveBeenCalled();
    expect(editor.saveState).toBe('unsaved');
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS);
    expect(api.saveTemplateContent).toHaveBeenCalledTimes(1);
    expect(api.saveTemplateContent).toHaveBeenCalledWith('d-en', {
      content: { type: 'twilio/text', body: 'Hello {{1}}, it shipped.' },
      variables: { '1': 'Maria' },
    });
    expect(editor.saveState).toBe('saved');
  });

  it('edits a published language as its next revision, and follows the published one', async () => {
    const published = draft({ id: 'd-en-1', status: 'published', contentSid: 'HX0123456789abcdef0123456789abcdef' });
    const next = draft({ id: 'd-en-2', revision: 2 });
    const api = fakeIpc([published]);
    api.templateHistory.mockResolvedValue([{ status: 'rejected', reason: 'INVALID_FORMAT', at: '2026-11-22T10:10:00Z' }]);
    const page = new TemplatePageStore('f-1', api);
    await page.load();
    const editor = page.editors[0];
    expect(editor.published).toBe(true);
    expect(api.templateHistory).toHaveBeenCalledWith('d-en-1');

    api.newTemplateRevision.mockResolvedValueOnce(next);
    api.getTemplate.mockResolvedValue(family([published, next]));
    await editor.revise();
    expect(api.newTemplateRevision).toHaveBeenCalledWith('d-en-1');
    expect(editor.published).toBe(false);
    expect(editor.draft.revision).toBe(2);
    expect(editor.historyOf?.id).toBe('d-en-1');
    expect(editor.history).toEqual([{ status: 'rejected', reason: 'INVALID_FORMAT', at: '2026-11-22T10:10:00Z' }]);

    editor.edited({ type: 'twilio/text', body: 'Hello {{1}}, your order is on its way.' });
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS);
    expect(api.saveTemplateContent.mock.calls[0][0]).toBe('d-en-2');
  });

  it('hides and shows a language, which still saves', async () => {
    const api = fakeIpc([draft(), draft({ id: 'd-de', language: 'de' })]);
    const page = new TemplatePageStore('f-1', api);
    await page.load();
    page.setShown('de', false);
    expect(page.shown.map((e) => e.draft.language)).toEqual(['en']);
    page.editors[1].edited({ type: 'twilio/text', body: 'Hallo {{1}}, Ihre Bestellung ist unterwegs.' });
    expect(await page.saveBeforeLeave()).toBe(true);
    expect(api.saveTemplateContent).toHaveBeenCalledWith('d-de', expect.anything());
    page.setShown('de', true);
    expect(page.shown.map((e) => e.draft.language)).toEqual(['en', 'de']);
  });

  it('saves what waits before the page is left', async () => {
    const api = fakeIpc([draft()]);
    const page = new TemplatePageStore('f-1', api);
    await page.load();
    page.editors[0].edited({ type: 'twilio/text', body: 'Typed and not saved yet.' });
    expect(page.unsaved).toBe(true);
    expect(await page.saveBeforeLeave()).toBe(true);
    expect(api.saveTemplateContent).toHaveBeenCalledTimes(1);
  });
});
