import { describe, expect, it } from 'vitest';
import { collides, compact, keyStep, moveItem, resizeItem, type Layout } from './layout';

const at = (layout: Layout, id: string) => {
  const item = layout.find((i) => i.id === id);
  if (!item) throw new Error(`no ${id}`);
  const { x, y, w, h } = item;
  return { x, y, w, h };
};
const noOverlap = (layout: Layout) =>
  layout.every((a, i) => layout.every((b, j) => i === j || !collides(a, b)));

// Two half-width panels on top, a full-width one below them.
const grid: Layout = [
  { id: 'a', x: 0, y: 0, w: 6, h: 4 },
  { id: 'b', x: 6, y: 0, w: 6, h: 4 },
  { id: 'c', x: 0, y: 4, w: 12, h: 6 },
];

describe('compact', () => {
  it('floats every panel up into free rows, keeping their order', () => {
    const out = compact([
      { id: 'a', x: 0, y: 3, w: 6, h: 4 },
      { id: 'b', x: 6, y: 10, w: 6, h: 2 },
      { id: 'c', x: 0, y: 20, w: 12, h: 2 },
    ]);
    expect(out.map((i) => i.id)).toEqual(['a', 'b', 'c']);
    expect(at(out, 'a').y).toBe(0);
    expect(at(out, 'b').y).toBe(0);
    expect(at(out, 'c').y).toBe(4);
  });

  it('leaves a compact layout as it is', () => {
    expect(compact(grid)).toEqual(grid);
  });
});

describe('moveItem', () => {
  it('pushes a panel it lands on down, and the ones below that too', () => {
    const out = moveItem(grid, 'c', 0, 0);
    expect(at(out, 'c')).toEqual({ x: 0, y: 0, w: 12, h: 6 });
    expect(at(out, 'a').y).toBe(6);
    expect(at(out, 'b').y).toBe(6);
    expect(noOverlap(out)).toBe(true);
  });

  it('snaps to whole cells and stays inside the 12 columns', () => {
    const out = moveItem(grid, 'a', 9.6, -3);
    expect(at(out, 'a')).toEqual({ x: 6, y: 0, w: 6, h: 4 });
    expect(at(out, 'b').y).toBe(4);
    expect(noOverlap(out)).toBe(true);
  });

  it('swaps with the panel below once dragged onto its row, and compacts on the drop', () => {
    const stacked: Layout = [
      { id: 'a', x: 0, y: 0, w: 12, h: 4 },
      { id: 'b', x: 0, y: 4, w: 12, h: 4 },
    ];
    const halfway = compact(moveItem(stacked, 'a', 0, 2));
    expect([at(halfway, 'a').y, at(halfway, 'b').y]).toEqual([0, 4]);
    const onto = compact(moveItem(stacked, 'a', 0, 4));
    expect([at(onto, 'b').y, at(onto, 'a').y]).toEqual([0, 4]);
  });

  it('keeps the dragged panel under the pointer until the drop', () => {
    const out = moveItem(grid, 'a', 0, 30);
    expect(at(out, 'a').y).toBe(30);
    expect(at(out, 'c').y).toBe(4);
    expect(at(compact(out), 'a').y).toBe(10);
  });
});

describe('resizeItem', () => {
  it('grows from the top-left corner and pushes what it covers down', () => {
    const out = resizeItem(grid, 'a', 12, 6);
    expect(at(out, 'a')).toEqual({ x: 0, y: 0, w: 12, h: 6 });
    expect(at(out, 'b').y).toBe(6);
    expect(at(out, 'c').y).toBe(10);
    expect(noOverlap(out)).toBe(true);
  });

  it('never grows past the right edge nor below one cell', () => {
    const out = resizeItem(grid, 'b', 40, 0);
    expect(at(out, 'b')).toEqual({ x: 6, y: 0, w: 6, h: 1 });
  });

  it('lets the panels below float up when it shrinks, once compacted', () => {
    const out = compact(resizeItem(grid, 'a', 6, 1));
    expect(at(out, 'c').y).toBe(4);
    const both = compact(resizeItem(resizeItem(grid, 'a', 6, 1), 'b', 6, 1));
    expect(at(both, 'c').y).toBe(1);
  });
});

describe('keyStep', () => {
  it('moves a panel a column at a time and swaps rows with its neighbour', () => {
    expect(at(keyStep(grid, 'c', 'ArrowUp'), 'c').y).toBe(0);
    const down = keyStep(grid, 'a', 'ArrowDown');
    expect(at(down, 'c').y).toBe(4);
    expect(at(down, 'a').y).toBe(10);
    const right = keyStep(grid, 'a', 'ArrowRight');
    expect(at(right, 'a')).toEqual({ x: 1, y: 0, w: 6, h: 4 });
    expect(noOverlap(right)).toBe(true);
  });

  it('resizes by a cell with shift', () => {
    expect(at(keyStep(grid, 'a', 'ArrowLeft', true), 'a').w).toBe(5);
    expect(at(keyStep(grid, 'a', 'ArrowDown', true), 'a').h).toBe(5);
  });

  it('does nothing for an id it does not hold', () => {
    expect(keyStep(grid, 'zz', 'ArrowUp')).toEqual(grid);
  });
});
