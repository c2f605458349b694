import { describe, expect, it } from 'vitest';
import { VirtualRows } from './virtual-rows.svelte';
import { offsetsOf, piecesOf, visibleRange } from './virtual-window';

const ids = (n: number) => Array.from({ length: n }, (_, i) => `r${i}`);

describe('which rows are drawn', () => {
  it('places rows at their measured heights, and the others at the estimate', () => {
    expect(offsetsOf(['a', 'b', 'c'], { b: 100 }, 50)).toEqual([0, 50, 150, 200]);
    expect(offsetsOf([], {}, 50)).toEqual([0]);
  });

  it('draws the rows in view and the overscan around them', () => {
    const offsets = offsetsOf(ids(1000), {}, 50);
    expect(visibleRange(offsets, 0, 500, 3)).toEqual({ start: 0, end: 13 });
    expect(visibleRange(offsets, 5000, 500, 3)).toEqual({ start: 97, end: 113 });
    // Scrolled to the end, and past it while the list shrinks.
    expect(visibleRange(offsets, 49_500, 500, 3)).toEqual({ start: 987, end: 1000 });
    expect(visibleRange(offsets, 90_000, 500, 3)).toEqual({ start: 996, end: 1000 });
    expect(visibleRange([0], 0, 500, 3)).toEqual({ start: 0, end: 0 });
  });

  it('fills the rest with gaps of the rows left out, so the scroll height stays true', () => {
    const offsets = offsetsOf(ids(10), {}, 10);
    expect(piecesOf(offsets, { start: 2, end: 4 }, null)).toEqual([
      { kind: 'gap', key: 'gap-0', height: 20 },
      { kind: 'row', index: 2 },
      { kind: 'row', index: 3 },
      { kind: 'gap', key: 'gap-4', height: 60 },
    ]);
    expect(piecesOf(offsets, { start: 0, end: 10 }, null)).toHaveLength(10);
  });

  it('keeps the focused row drawn when it is scrolled out of view', () => {
    const offsets = offsetsOf(ids(10), {}, 10);
    expect(piecesOf(offsets, { start: 5, end: 7 }, 1)).toEqual([
      { kind: 'gap', key: 'gap-0', height: 10 },
      { kind: 'row', index: 1 },
      { kind: 'gap', key: 'gap-2', height: 30 },
      { kind: 'row', index: 5 },
      { kind: 'row', index: 6 },
      { kind: 'gap', key: 'gap-7', height: 30 },
    ]);
    // In view already, or gone from the list: nothing more is drawn.
    expect(piecesOf(offsets, { start: 5, end: 7 }, 6)).toHaveLength(4);
    expect(piecesOf(offsets, { start: 5, end: 7 }, 12)).toHaveLength(4);
  });
});

describe('VirtualRows', () => {
  it('follows the scroll position, measurements and the focused row', () => {
    const rows = new VirtualRows(() => ids(100), { estimate: 50, overscan: 2, fallbackViewport: 200 });
    expect(rows.range).toEqual({ start: 0, end: 6 });
    rows.viewport = 100;
    rows.scrollTop = 1000;
    expect(rows.range).toEqual({ start: 18, end: 24 });

    // A row above the view grew: the container is told how far to scroll to keep its place.
    expect(rows.measured('r0', 80)).toBe(30);
    expect(rows.offsetOf(1)).toBe(80);
    // A row below the top changes nothing above it; a zero height (no layout yet) is ignored.
    expect(rows.measured('r30', 70)).toBe(0);
    expect(rows.measured('r31', 0)).toBe(0);
    expect(rows.measured('r30', 70)).toBe(0);
    expect(rows.offsetOf(100)).toBe(100 * 50 + 30 + 20);

    rows.pinnedId = 'r3';
    expect(rows.pieces.filter((p) => p.kind === 'row').map((p) => (p.kind === 'row' ? p.index : -1))).toContain(3);
  });
});
