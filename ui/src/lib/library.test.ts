import { describe, expect, it, vi } from 'vitest';
import type { LibraryPage } from './bindings/LibraryPage';
import type { LibrarySearch } from './bindings/LibrarySearch';
import type { TemplateSummary } from './bindings/TemplateSummary';
import { LibraryStore, PAGE, type LibraryIpc } from './library.svelte';

function summary(i: number): TemplateSummary {
  return {
    id: `t-${i}`,
    name: `template_${i}`,
    category: 'utility',
    accountId: null,
    languages: [],
    languagesMissing: [],
    updatedAt: '2026-11-22T10:00:00Z',
  };
}

/** A library of `total` templates that answers each window asked for. */
function fakeIpc(total: number) {
  return {
    searchTemplates: vi.fn(async (q: LibrarySearch): Promise<LibraryPage> => {
      const rows = [];
      for (let i = q.offset; i < Math.min(total, q.offset + q.limit); i++) rows.push(summary(i));
      return { total, offset: q.offset, rows };
    }),
    createTemplate: vi.fn(async () => Promise.reject(new Error('not expected'))),
  } satisfies LibraryIpc;
}

describe('the library list', () => {
  it('reads the first window, then only the windows scrolled into view, once each', async () => {
    const api = fakeIpc(10_000);
    const store = new LibraryStore(api);
    await store.search();
    expect(store.total).toBe(10_000);
    expect(Object.keys(store.rows)).toHaveLength(PAGE);
    await store.show(5_000, 5_020);
    await store.show(5_010, 5_030);
    expect(api.searchTemplates.mock.calls.map(([q]) => q.offset)).toEqual([0, 5_000]);
    expect(store.rows[5_010]?.name).toBe('template_5010');
  });

  it('searches again from the top with the words and filters, dropping an answer that came too late', async () => {
    const api = fakeIpc(3);
    let release: () => void = () => {};
    api.searchTemplates.mockImplementationOnce(
      (q) => new Promise((resolve) => (release = () => resolve({ total: 99, offset: q.offset, rows: [] }))),
    );
    const store = new LibraryStore(api);
    const stale = store.search();
    store.text = 'order';
    store.statuses = ['approved'];
    await store.search();
    release();
    await stale;
    expect(store.total).toBe(3);
    const last = api.searchTemplates.mock.calls.at(-1)?.[0];
    expect([last?.text, last?.statuses, last?.offset]).toEqual(['order', ['approved'], 0]);
  });

  it('keeps a refused create in the dialog, each problem under its field', async () => {
    const api = fakeIpc(0);
    api.createTemplate.mockRejectedValueOnce({
      code: 'duplicate_name',
      field: 'templateName',
      params: { what: 'template', name: 'order_update' },
      more: [],
    });
    const store = new LibraryStore(api);
    store.startNew();
    expect(await store.create()).toBeNull();
    expect(store.form?.problems.fields.templateName).toMatchObject({ kind: 'error', error: { code: 'duplicate_name' } });
  });
});
