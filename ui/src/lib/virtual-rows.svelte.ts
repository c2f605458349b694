// The rows of a long list that a scroll container draws, as the user scrolls, by TanStack Virtual.
// Rows may differ in height (labels wrap): each is measured once drawn and estimated until then,
// and a row above the view that grows moves the scroll position with it, so what the user looks at
// stays put. The row that holds focus stays drawn wherever it is, so scrolling away never drops
// the keyboard's place.
import {
  Virtualizer,
  defaultRangeExtractor,
  elementScroll,
  measureElement,
  observeElementOffset,
  observeElementRect,
  type Range,
  type VirtualItem,
} from '@tanstack/virtual-core';
import { piecesOf, type Piece } from './virtual-window';

export interface VirtualRowsOptions {
  /** A row's height until it is measured, in pixels. */
  estimate: number;
  /** Rows drawn beyond each edge of the view. */
  overscan: number;
  /** The view's height while the container has none yet (before layout, and in tests). */
  fallbackViewport: number;
}

/** A row as the virtualizer places it: its index in the list, where it starts and ends. */
export type VirtualRow = Pick<VirtualItem, 'index' | 'start' | 'end' | 'size'>;

/** A row's key: its id, or its index when the list gives only a count. */
export type RowKey = string | number;

export class VirtualRows {
  readonly #rows: () => readonly string[] | number;
  readonly #options: VirtualRowsOptions;
  readonly #core: Virtualizer<HTMLElement, HTMLElement>;
  #element: HTMLElement | null = null;
  /** Bumped whenever the virtualizer reports a change (scroll, size, measurement). */
  #changes = $state(0);
  /** What the virtualizer was last told. */
  #told: { count: number; ids: readonly string[] | null; pinned: number | null } | null = null;

  /** The key of the row that holds focus, drawn wherever it is. */
  pinned: RowKey | null = $state(null);

  readonly #ids: readonly string[] | null = $derived.by(() => {
    const rows = this.#rows();
    return typeof rows === 'number' ? null : rows;
  });
  /** How many rows the list has. */
  readonly count: number = $derived.by(() => {
    const rows = this.#rows();
    return typeof rows === 'number' ? rows : rows.length;
  });
  readonly #indexOf: Readonly<Record<string, number>> | null = $derived(
    this.#ids && Object.fromEntries(this.#ids.map((id, i) => [id, i])),
  );
  readonly #pinnedIndex: number | null = $derived.by(() => {
    const key = this.pinned;
    const index = typeof key === 'number' ? key : key === null ? undefined : this.#indexOf?.[key];
    return index !== undefined && index < this.count ? index : null;
  });

  /** The rows drawn, in order: those in view, the overscan around them, and the focused one. */
  readonly items: VirtualRow[] = $derived.by(() => {
    void this.#changes;
    this.#tell(this.count, this.#ids, this.#pinnedIndex);
    return this.#core.getVirtualItems().map(({ index, start, end, size }) => ({ index, start, end, size }));
  });
  /** The whole list's height, measured rows at their height and the others at the estimate. */
  readonly totalSize: number = $derived.by(() => {
    void this.items;
    return this.#core.getTotalSize();
  });
  /** The drawn rows with gaps for the rows left out, for a table. */
  readonly pieces: Piece[] = $derived(piecesOf(this.items, this.totalSize));

  /**
   * `rows` gives the rows' ids (a measured height follows its row when the list is sorted or
   * filtered), or only their count when the rows are not all known yet (read a window at a time).
   */
  constructor(rows: () => readonly string[] | number, options: VirtualRowsOptions) {
    this.#rows = rows;
    this.#options = options;
    this.#core = new Virtualizer(this.#coreOptions(0, null, null));
  }

  /** Follows `scroller`'s scroll position and size until the returned function is called. */
  attach(scroller: HTMLElement): () => void {
    this.#element = scroller;
    this.#sync();
    const stop = this.#core._didMount();
    this.#core._willUpdate();
    return () => {
      this.#element = null;
      stop();
    };
  }

  /** Measures a drawn row, now and whenever its size changes; it carries `data-index`. */
  readonly measure = (row: HTMLElement): void => {
    this.#sync();
    this.#core.measureElement(row);
  };

  /** Tells the virtualizer the list as it is now, if nothing has read the rows since it changed. */
  #sync(): void {
    void this.items;
  }

  #tell(count: number, ids: readonly string[] | null, pinned: number | null): void {
    const told = this.#told;
    if (told && told.count === count && told.ids === ids && told.pinned === pinned) return;
    this.#told = { count, ids, pinned };
    this.#core.setOptions(this.#coreOptions(count, ids, pinned));
  }

  #coreOptions(count: number, ids: readonly string[] | null, pinned: number | null) {
    const { estimate, overscan, fallbackViewport } = this.#options;
    return {
      count,
      getScrollElement: () => this.#element,
      estimateSize: () => estimate,
      overscan,
      initialRect: { width: 0, height: fallbackViewport },
      getItemKey: ids ? (index: number) => ids[index] : (index: number) => index,
      rangeExtractor: (range: Range) => withPinned(defaultRangeExtractor(range), pinned, range.count),
      // Before layout (and in tests) the container and its rows measure 0: keep what is known.
      observeElementRect: (core: Virtualizer<HTMLElement, HTMLElement>, report: (rect: { width: number; height: number }) => void) =>
        observeElementRect(core, (rect) => report(rect.height > 0 ? rect : { ...rect, height: fallbackViewport })),
      measureElement: (row: HTMLElement, entry: ResizeObserverEntry | undefined, core: Virtualizer<HTMLElement, HTMLElement>) => {
        const size = measureElement(row, entry, core);
        if (size > 0) return size;
        return core.itemSizeCache.get(core.options.getItemKey(core.indexFromElement(row))) ?? estimate;
      },
      observeElementOffset,
      scrollToFn: elementScroll,
      onChange: () => this.#changes++,
    };
  }
}

/** The indexes to draw, and `pinned` among them in order if it lies outside. */
function withPinned(indexes: number[], pinned: number | null, count: number): number[] {
  if (pinned === null || pinned >= count || indexes.includes(pinned)) return indexes;
  return [...indexes, pinned].sort((a, b) => a - b);
}
