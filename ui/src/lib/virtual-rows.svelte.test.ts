// @vitest-environment jsdom
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { VirtualRows } from './virtual-rows.svelte';
import { piecesOf } from './virtual-window';

const ids = (n: number) => Array.from({ length: n }, (_, i) => `r${i}`);
const OPTIONS = { estimate: 50, overscan: 2, fallbackViewport: 200 };

/** A scroll container scrolled to `top`, with `scrollTo` recorded (jsdom has no layout). */
function scroller(top = 0) {
  const el = document.createElement('div');
  let scrollTop = top;
  Object.defineProperty(el, 'scrollTop', { get: () => scrollTop, configurable: true });
  const scrollTo = vi.fn((to: ScrollToOptions) => {
    scrollTop = to.top ?? scrollTop;
  });
  el.scrollTo = scrollTo as typeof el.scrollTo;
  document.body.append(el);
  const scroll = (to: number) => {
    scrollTop = to;
    el.dispatchEvent(new Event('scroll'));
    flushSync();
  };
  return { el, scrollTo, scroll };
}

/** A drawn row of `height` pixels at `index`, in the document. */
function row(index: number, height: number): HTMLElement {
  const li = document.createElement('li');
  li.dataset.index = String(index);
  Object.defineProperty(li, 'offsetHeight', { value: height, configurable: true });
  document.body.append(li);
  return li;
}

/** Until scrolling rests, rows are measured by a ResizeObserver (which jsdom lacks), not at once. */
const rest = () => new Promise((resolve) => setTimeout(resolve, 200));

const drawn = (rows: VirtualRows) => rows.items.map((i) => i.index);

let cleanup: (() => void)[] = [];
afterEach(() => {
  cleanup.forEach((stop) => stop());
  cleanup = [];
  document.body.innerHTML = '';
});

function track(rows: () => readonly string[] | number, options = OPTIONS) {
  let list!: VirtualRows;
  cleanup.push(
    $effect.root(() => {
      list = new VirtualRows(rows, options);
    }),
  );
  return list;
}

describe('pieces for a table', () => {
  it('fills the room of the rows left out with gaps, so the scroll height stays true', () => {
    const at = (index: number) => ({ index, start: index * 10, end: index * 10 + 10 });
    expect(piecesOf([at(2), at(3)], 100)).toEqual([
      { kind: 'gap', key: 'gap-0', height: 20 },
      { kind: 'row', index: 2 },
      { kind: 'row', index: 3 },
      { kind: 'gap', key: 'gap-4', height: 60 },
    ]);
    // The focused row drawn far from the others.
    expect(piecesOf([at(1), at(5), at(6)], 100)).toEqual([
      { kind: 'gap', key: 'gap-0', height: 10 },
      { kind: 'row', index: 1 },
      { kind: 'gap', key: 'gap-2', height: 30 },
      { kind: 'row', index: 5 },
      { kind: 'row', index: 6 },
      { kind: 'gap', key: 'gap-7', height: 30 },
    ]);
    expect(piecesOf([], 0)).toEqual([]);
  });
});

describe('VirtualRows', () => {
  it('draws the rows in view and the overscan around them, before layout in the fallback view', () => {
    const rows = track(() => ids(1000));
    expect(drawn(rows)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(rows.totalSize).toBe(50_000);
    expect(rows.pieces.at(-1)).toEqual({ kind: 'gap', key: 'gap-6', height: 50_000 - 300 });
  });

  it('follows the container’s scroll position', () => {
    const rows = track(() => ids(1000));
    const { el, scroll } = scroller();
    cleanup.push(rows.attach(el));
    scroll(5000);
    expect(drawn(rows)).toEqual([98, 99, 100, 101, 102, 103, 104, 105]);
    // Scrolled to the end.
    scroll(49_800);
    expect(drawn(rows).at(-1)).toBe(999);
  });

  it('follows the list as it grows or shrinks, by ids or by a count', () => {
    let list = $state(ids(3));
    const rows = track(() => list);
    expect(drawn(rows)).toEqual([0, 1, 2]);
    list = ids(1);
    expect(drawn(rows)).toEqual([0]);

    let total = $state(0);
    const counted = track(() => total);
    expect(drawn(counted)).toEqual([]);
    total = 10_000;
    expect(counted.count).toBe(10_000);
    expect(counted.totalSize).toBe(500_000);
  });

  it('measures drawn rows, keeps the estimate for rows with no layout, and keeps the view put when a row above grows', async () => {
    const rows = track(() => ids(100));
    const { el, scrollTo, scroll } = scroller();
    cleanup.push(rows.attach(el));
    scroll(1000);
    await rest();
    scrollTo.mockClear();

    rows.measure(row(0, 80));
    flushSync();
    expect(rows.totalSize).toBe(100 * 50 + 30);
    expect(scrollTo).toHaveBeenLastCalledWith(expect.objectContaining({ top: 1030 }));

    // Below the top: nothing moves; no layout (0): the estimate stays.
    scrollTo.mockClear();
    rows.measure(row(40, 70));
    rows.measure(row(41, 0));
    flushSync();
    expect(scrollTo).not.toHaveBeenCalled();
    expect(rows.totalSize).toBe(100 * 50 + 30 + 20);
  });

  it('a measured height follows its row when the list is reordered', () => {
    let list = $state(['a', 'b', 'c']);
    const rows = track(() => list);
    rows.measure(row(0, 120));
    flushSync();
    expect(rows.items.map((i) => i.size)).toEqual([120, 50, 50]);
    list = ['c', 'b', 'a'];
    expect(rows.items.map((i) => i.size)).toEqual([50, 50, 120]);
  });

  it('keeps the focused row drawn when it is scrolled out of view, by id or by index', () => {
    const rows = track(() => ids(1000));
    const { el, scroll } = scroller();
    cleanup.push(rows.attach(el));
    rows.pinned = 'r3';
    scroll(10_000);
    expect(drawn(rows)[0]).toBe(3);
    expect(drawn(rows)).toContain(200);
    expect(rows.pieces.slice(0, 3)).toEqual([
      { kind: 'gap', key: 'gap-0', height: 150 },
      { kind: 'row', index: 3 },
      { kind: 'gap', key: 'gap-4', height: 10_000 - 2 * 50 - 200 },
    ]);
    // Gone from the list: nothing more is drawn.
    rows.pinned = 'r5000';
    expect(drawn(rows)[0]).toBeGreaterThan(190);

    const counted = track(() => 10_000);
    counted.pinned = 9_000;
    expect(drawn(counted)).toEqual([0, 1, 2, 3, 4, 5, 9_000]);
  });
});
