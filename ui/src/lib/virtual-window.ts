// Which rows of a long list a scroll container draws, as arithmetic on row heights: those in view
// and a few around them, the focused one wherever it is, and gaps of the height of the rows left out.

/** A drawn row, by its index in the list, or the room of the rows left out before the next drawn one. */
export type Piece = { kind: 'row'; index: number } | { kind: 'gap'; key: string; height: number };

/** The rows in `[start, end)`. */
export interface Range {
  start: number;
  end: number;
}

/** Where each row starts, by index, and at the end the list's whole height. */
export function offsetsOf(
  ids: readonly string[],
  heights: Readonly<Record<string, number>>,
  estimate: number,
): number[] {
  const offsets = new Array<number>(ids.length + 1);
  offsets[0] = 0;
  for (let i = 0; i < ids.length; i++) offsets[i + 1] = offsets[i] + (heights[ids[i]] ?? estimate);
  return offsets;
}

/** Each id's index. */
export function indexById(ids: readonly string[]): ReadonlyMap<string, number> {
  return new Map(ids.map((id, i) => [id, i]));
}

/** The first index whose row ends below `y`. */
function rowAt(offsets: readonly number[], y: number): number {
  let low = 0;
  let high = offsets.length - 2;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (offsets[mid + 1] <= y) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The rows that show between `top` and `top + height`, and `overscan` more on each side. */
export function visibleRange(offsets: readonly number[], top: number, height: number, overscan: number): Range {
  const count = offsets.length - 1;
  if (count <= 0) return { start: 0, end: 0 };
  const first = rowAt(offsets, Math.max(0, top));
  const last = rowAt(offsets, Math.max(0, top + height - 1));
  return { start: Math.max(0, first - overscan), end: Math.min(count, last + 1 + overscan) };
}

/** The rows of `range`, and `pinned` if it lies outside it, with gaps for the rest. */
export function piecesOf(offsets: readonly number[], range: Range, pinned: number | null): Piece[] {
  const indices: number[] = [];
  for (let i = range.start; i < range.end; i++) indices.push(i);
  if (pinned !== null && pinned < offsets.length - 1 && (pinned < range.start || pinned >= range.end)) {
    indices.push(pinned);
    indices.sort((a, b) => a - b);
  }
  const pieces: Piece[] = [];
  let next = 0;
  for (const index of indices) {
    if (index > next) pieces.push({ kind: 'gap', key: `gap-${next}`, height: offsets[index] - offsets[next] });
    pieces.push({ kind: 'row', index });
    next = index + 1;
  }
  const end = offsets.length - 1;
  if (end > next) pieces.push({ kind: 'gap', key: `gap-${next}`, height: offsets[end] - offsets[next] });
  return pieces;
}
