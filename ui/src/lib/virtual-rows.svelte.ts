// The rows of a long list that a scroll container draws, as the user scrolls: rows may differ in
// height (labels wrap), so each is measured once drawn and estimated until then. The row that holds
// focus stays drawn wherever it is, so scrolling away never drops the keyboard's place.
import { indexById, offsetsOf, piecesOf, visibleRange, type Piece, type Range } from './virtual-window';

export interface VirtualRowsOptions {
  /** A row's height until it is measured, in pixels. */
  estimate: number;
  /** Rows drawn beyond each edge of the view. */
  overscan: number;
  /** The view's height while the container has none yet (before layout, and in tests). */
  fallbackViewport: number;
}

export class VirtualRows {
  readonly #ids: () => readonly string[];
  readonly #options: VirtualRowsOptions;
  /** Measured heights by id; not reactive itself: `#measurements` says when it changed. */
  readonly #heights: Record<string, number> = Object.create(null);
  #measurements = $state(0);

  /** The container's scroll position and height, as its events report them. */
  scrollTop = $state(0);
  viewport = $state(0);
  /** The id of the row that holds focus, drawn wherever it is. */
  pinnedId: string | null = $state(null);

  readonly offsets: number[] = $derived.by(() => {
    void this.#measurements;
    return offsetsOf(this.#ids(), this.#heights, this.#options.estimate);
  });
  readonly #indexOf: ReadonlyMap<string, number> = $derived.by(() => indexById(this.#ids()));
  readonly range: Range = $derived.by(() => {
    const { fallbackViewport, overscan } = this.#options;
    return visibleRange(this.offsets, this.scrollTop, this.viewport || fallbackViewport, overscan);
  });
  readonly pieces: Piece[] = $derived.by(() =>
    piecesOf(this.offsets, this.range, this.pinnedId === null ? null : (this.#indexOf.get(this.pinnedId) ?? null)),
  );

  constructor(ids: () => readonly string[], options: VirtualRowsOptions) {
    this.#ids = ids;
    this.#options = options;
  }

  /**
   * A drawn row's height. Returns how far the rows below it moved if it starts above the top of the
   * view, so the container can scroll by as much and what the user looks at stays put.
   */
  measured(id: string, height: number): number {
    // Before layout (and in tests) rows measure 0: keep the estimate.
    if (height <= 0) return 0;
    const before = this.#heights[id] ?? this.#options.estimate;
    if (this.#heights[id] === height) return 0;
    this.#heights[id] = height;
    this.#measurements++;
    const index = this.#indexOf.get(id);
    return index !== undefined && this.offsets[index] < this.scrollTop ? height - before : 0;
  }

  /** Where the row starts, to scroll to it. */
  offsetOf(index: number): number {
    return this.offsets[Math.max(0, Math.min(index, this.offsets.length - 1))];
  }
}
