import { GRID_COLUMNS } from '../../../model';

/**
 * The dashboard grid's rules, pure so they are tested without a browser: panels snap to
 * cells of a 12-column grid, a panel moved or resized onto others pushes them down, and
 * everything floats up into free rows (vertical compaction, as Grafana and
 * react-grid-layout do).
 */
export interface LayoutItem {
  id: string;
  x: number;
  y: number;
  w: number;
  h: number;
}
export type Layout = readonly LayoutItem[];

type Box = Omit<LayoutItem, 'id'>;

export function collides(a: Box, b: Box): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

const clamp = (n: number, min: number, max: number): number => Math.min(Math.max(n, min), max);

/** A box kept inside the grid: at least one cell, never past the right edge or above the top. */
export function fitToGrid(box: LayoutItem): LayoutItem {
  const w = clamp(Math.round(box.w), 1, GRID_COLUMNS);
  return {
    id: box.id,
    w,
    h: Math.max(1, Math.round(box.h)),
    x: clamp(Math.round(box.x), 0, GRID_COLUMNS - w),
    y: Math.max(0, Math.round(box.y)),
  };
}

/**
 * Every item placed in (y, x) order, each as high as the free cells above it let it go and,
 * where it lands on one placed before it, pushed just below. `fixed` stays exactly where it
 * is (the panel under the pointer), so the others make room around it; they may float up
 * past it, which is how a panel dragged down onto its neighbour's row swaps with it.
 */
function settle(layout: Layout, fixed?: LayoutItem): LayoutItem[] {
  const placed: LayoutItem[] = [];
  const others = layout
    .filter((item) => item.id !== fixed?.id)
    .sort((a, b) => a.y - b.y || a.x - b.x);
  for (const item of others) {
    let y = item.y;
    while (y > 0 && !placed.some((p) => collides(p, { ...item, y: y - 1 }))) y--;
    const blockers = fixed ? [fixed, ...placed] : placed;
    for (;;) {
      const hit = blockers.find((p) => collides(p, { ...item, y }));
      if (!hit) break;
      y = hit.y + hit.h;
    }
    placed.push({ ...item, y });
  }
  if (fixed) placed.push(fixed);
  const order = new Map(layout.map((item, i) => [item.id, i]));
  return placed.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
}

/** Free rows closed: every item floats up as far as it can. Keeps the input's order. */
export function compact(layout: Layout): LayoutItem[] {
  return settle(layout);
}

function place(layout: Layout, id: string, change: (item: LayoutItem) => LayoutItem): LayoutItem[] {
  const item = layout.find((i) => i.id === id);
  if (!item) return [...layout];
  return settle(layout, fitToGrid(change(item)));
}

/**
 * While dragging: the item at (x, y) and the others pushed down out of its way; it is not
 * floated up until the drop (`compact`), so it stays under the pointer.
 */
export function moveItem(layout: Layout, id: string, x: number, y: number): LayoutItem[] {
  return place(layout, id, (item) => ({ ...item, x, y }));
}

/** While resizing from the bottom-right corner: the top-left stays, others are pushed down. */
export function resizeItem(layout: Layout, id: string, w: number, h: number): LayoutItem[] {
  return place(layout, id, (item) => ({
    ...item,
    w: Math.min(w, GRID_COLUMNS - item.x),
    h,
  }));
}

/**
 * One keyboard step: left/right by a column; up a row, down below the next panel beneath (a
 * single row down would float back on compaction); with `resize`, the size changes by one cell.
 */
export function keyStep(
  layout: Layout,
  id: string,
  key: 'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown',
  resize = false,
): LayoutItem[] {
  const item = layout.find((i) => i.id === id);
  if (!item) return [...layout];
  if (resize) {
    const dw = key === 'ArrowLeft' ? -1 : key === 'ArrowRight' ? 1 : 0;
    const dh = key === 'ArrowUp' ? -1 : key === 'ArrowDown' ? 1 : 0;
    return compact(resizeItem(layout, id, item.w + dw, item.h + dh));
  }
  if (key === 'ArrowLeft' || key === 'ArrowRight') {
    return compact(moveItem(layout, id, item.x + (key === 'ArrowLeft' ? -1 : 1), item.y));
  }
  if (key === 'ArrowUp') return compact(moveItem(layout, id, item.x, item.y - 1));
  const below = layout.filter(
    (o) => o.id !== id && o.y >= item.y + item.h && o.x < item.x + item.w && item.x < o.x + o.w,
  );
  if (below.length === 0) return compact(layout);
  const next = Math.min(...below.map((o) => o.y));
  const under = Math.max(...below.filter((o) => o.y === next).map((o) => o.y + o.h));
  return compact(moveItem(layout, id, item.x, under));
}
