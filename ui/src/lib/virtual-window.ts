// What a table draws of a long list: the rows the virtualizer chose, and between them gaps as
// tall as the rows left out, so the scroll height stays true (a table cannot place rows itself).

/** A drawn row, by its index in the list, or the room of the rows left out before the next drawn one. */
export type Piece = { kind: 'row'; index: number } | { kind: 'gap'; key: string; height: number };

/** Where a drawn row lies in the list. */
export interface Span {
  index: number;
  start: number;
  end: number;
}

/** The rows `drawn` (in order) with gaps for the rest of a list `total` pixels tall. */
export function piecesOf(drawn: readonly Span[], total: number): Piece[] {
  const pieces: Piece[] = [];
  let next = 0;
  let end = 0;
  for (const row of drawn) {
    if (row.index > next) pieces.push({ kind: 'gap', key: `gap-${next}`, height: row.start - end });
    pieces.push({ kind: 'row', index: row.index });
    next = row.index + 1;
    end = row.end;
  }
  if (total > end) pieces.push({ kind: 'gap', key: `gap-${next}`, height: total - end });
  return pieces;
}
