import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LibraryPage } from './bindings/LibraryPage';
import type { LibrarySearch } from './bindings/LibrarySearch';
import type { TemplateSummary } from './bindings/TemplateSummary';
import { LibraryStore, PAGE, SEARCH_DELAY_MS, type LibraryIpc } from './library.svelte';

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

const range = (first: number, last: number) => Array.from({ length: last - first + 1 }, (_, i) => first + i);
const offsets = (api: ReturnType<typeof fakeIpc>) => api.searchTemplates.mock.calls.map(([q]) => q.offset);

afterEach(() => {
  vi.useRealTimers();
});

describe('the library list', () => {
  it('reads the first window, then only the windows scrolled into view, once each', async () => {
    const api = fakeIpc(10_000);
    const store = new LibraryStore(api);
    await store.search();
    expect(store.total).toBe(10_000);
    expect(Object.keys(store.rows)).toHaveLength(PAGE);
    await store.show(range(5_000, 5_020));
    await store.show(range(5_010, 5_030));
    expect(offsets(api)).toEqual([0, 5_000]);
    expect(api.searchTemplates.mock.calls.every(([q]) => q.limit === PAGE)).toBe(true);
    expect(store.rows[5_010]?.name).toBe('template_5010');
    // Rows across two windows, and a focused row far away: each window once, none in between.
    await store.show([...range(5_095, 5_105), 9_990]);
    expect(offsets(api)).toEqual([0, 5_000, 5_100, 9_900]);
    // Past the end: nothing to read.
    await store.show([10_000]);
    expect(offsets(api)).toHaveLength(4);
  });

  it('searches once typing rests, with the last words typed', async () => {
    vi.useFakeTimers();
    const api = fakeIpc(3);
    const store = new LibraryStore(api);
    for (const text of ['o', 'or', 'order']) {
      store.text = text;
      store.searchSoon();
      await vi.advanceTimersByTimeAsync(SEARCH_DELAY_MS - 50);
    }
    expect(api.searchTemplates).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(50);
    expect(api.searchTemplates.mock.calls.map(([q]) => q.text)).toEqual(['order']);
    // A search started now (a filter) takes the place of one waiting.
    store.text = 'orders';
    store.searchSoon();
    await store.search();
    await vi.advanceTimersByTimeAsync(SEARCH_DELAY_MS * 2);
    expect(api.searchTemplates).toHaveBeenCalledTimes(2);
  });

  it('passes every filter through, and clears them all', async () => {
    const api = fakeIpc(3);
    const store = new LibraryStore(api);
    Object.assign(store, {
      text: 'shipping',
      statuses: ['paused'],
      categories: ['marketing'],
      languages: ['de'],
      accountIds: ['acc-1'],
      withoutAccount: true,
    });
    expect(store.filtered).toBe(true);
    await store.search();
    expect(api.searchTemplates).toHaveBeenLastCalledWith({
      text: 'shipping',
      statuses: ['paused'],
      categories: ['marketing'],
      languages: ['de'],
      accountIds: ['acc-1'],
      withoutAccount: true,
      offset: 0,
      limit: PAGE,
    });
    const searches = store.searches;
    await store.clearFilters();
    expect(store.filtered).toBe(false);
    expect(store.searches).toBe(searches + 1);
    expect(api.searchTemplates.mock.lastCall?.[0]).toMatchObject({
      text: '',
      statuses: [],
      categories: [],
      languages: [],
      accountIds: [],
      withoutAccount: false,
    });
  });

  it('keeps a failed read as data, and reads that window again next time', async () => {
    const api = fakeIpc(1_000);
    const store = new LibraryStore(api);
    await store.search();
    api.searchTemplates.mockRejectedValueOnce({ code: 'storage', field: null, params: {}, more: [] });
    await store.show([500]);
    expect(store.error).toMatchObject({ code: 'storage' });
    expect(store.rows[500]).toBeUndefined();
    await store.show([500]);
    expect(store.error).toBeNull();
    expect(store.rows[500]?.name).toBe('template_500');
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
