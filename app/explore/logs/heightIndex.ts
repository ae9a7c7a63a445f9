/**
 * Row heights of a virtual list with their running offsets, in a Fenwick tree: a measured row
 * changes one height in O(log n) and the row at a scroll offset is found in O(log n), so
 * scrolling 100,000 wrapped rows never lays out or sums them all again.
 */
/** The heights and the tree over them, shared by the indexes that list more or fewer rows. */
interface Tree {
  readonly heights: Float64Array;
  readonly tree: Float64Array;
  total: number;
}

export class HeightIndex {
  /** Rows listed: an unfinished dedup lists the first rows while the tree has room for all. */
  readonly count: number;
  private readonly capacity: number;
  private readonly heights: Float64Array;
  private readonly tree: Float64Array;
  private readonly shared: Tree;

  /** `height` is one height for every row, or a row's own. */
  constructor(count: number, height: number | ((index: number) => number), from?: HeightIndex) {
    if (from) {
      this.shared = from.shared;
      this.capacity = from.capacity;
      this.count = Math.max(0, Math.min(count, from.capacity));
    } else {
      this.shared = {
        heights: new Float64Array(count),
        tree: new Float64Array(count + 1),
        total: 0,
      };
      this.capacity = count;
      this.count = count;
      const { heights, tree } = this.shared;
      for (let i = 0; i < count; i++) {
        const h = typeof height === 'number' ? height : height(i);
        heights[i] = h;
        this.shared.total += h;
        // Linear build: each node passes its sum to its parent once.
        const node = i + 1;
        tree[node] = (tree[node] ?? 0) + h;
        const parent = node + (node & -node);
        if (parent <= count) tree[parent] = (tree[parent] ?? 0) + (tree[node] ?? 0);
      }
    }
    this.heights = this.shared.heights;
    this.tree = this.shared.tree;
  }

  /** The same heights with the first `count` rows listed; measurements of either show in both. */
  listing(count: number): HeightIndex {
    return count === this.count ? this : new HeightIndex(count, 0, this);
  }

  get totalHeight(): number {
    return this.count === this.capacity ? this.shared.total : this.offsetOf(this.count);
  }

  heightOf(index: number): number {
    return this.heights[index] ?? 0;
  }

  /** Sets a row's height; the change in pixels, 0 when it was already that tall. */
  set(index: number, height: number): number {
    const delta = height - (this.heights[index] ?? 0);
    if (delta === 0 || index < 0 || index >= this.count) return 0;
    this.heights[index] = height;
    this.shared.total += delta;
    for (let node = index + 1; node <= this.capacity; node += node & -node) {
      this.tree[node] = (this.tree[node] ?? 0) + delta;
    }
    return delta;
  }

  /** Pixels above the row: the sum of the heights before it. */
  offsetOf(index: number): number {
    let sum = 0;
    for (let node = Math.min(index, this.count); node > 0; node -= node & -node) {
      sum += this.tree[node] ?? 0;
    }
    return sum;
  }

  /** The row that covers the pixel offset (the last row past the end). */
  indexAt(offset: number): number {
    if (this.count === 0) return 0;
    let index = 0;
    let rest = offset;
    let step = 1;
    while (step * 2 <= this.capacity) step *= 2;
    for (; step > 0; step >>= 1) {
      const next = index + step;
      if (next <= this.capacity && (this.tree[next] ?? 0) <= rest) {
        index = next;
        rest -= this.tree[next] ?? 0;
      }
    }
    return Math.min(index, this.count - 1);
  }
}

export interface RowWindow {
  /** First row index to render. */
  start: number;
  /** One past the last row index to render. */
  end: number;
  totalHeight: number;
}

/** The rows in view plus `overscan` rows on each side. */
export function rowWindow(
  index: HeightIndex,
  scrollTop: number,
  viewportHeight: number,
  overscan = 8,
): RowWindow {
  if (index.count === 0) return { start: 0, end: 0, totalHeight: 0 };
  const first = index.indexAt(Math.max(0, scrollTop));
  const last = index.indexAt(Math.max(0, scrollTop) + viewportHeight);
  const start = Math.max(0, first - overscan);
  const end = Math.min(index.count, last + 1 + overscan);
  return { start, end, totalHeight: index.totalHeight };
}

/**
 * Measured heights of wrapped rows by record id, kept across new answers (a tail's next lines
 * do not measure the old ones again) and forgotten when the layout they were measured in changes.
 */
export class MeasuredHeights {
  private layout = '';
  private readonly heights = new Map<string, number>();

  /** The heights measured under this layout; another layout starts over. */
  under(layout: string): ReadonlyMap<string, number> {
    if (layout !== this.layout) {
      this.layout = layout;
      this.heights.clear();
    }
    return this.heights;
  }

  remember(id: string, height: number): void {
    this.heights.set(id, height);
  }
}
