import { describe, expect, it } from 'vitest';
import type { Panel } from '../../model';
import { newPanelId, nextPosition } from './panelFactory';

const panel = (x: number, y: number, w: number, h: number): Panel => ({
  id: `p${x}${y}`,
  title: '',
  kind: 'logs',
  datasources: ['local'],
  language: 'logql',
  query: '{job="a"}',
  grid: { x, y, w, h },
});

describe('nextPosition', () => {
  it('starts at the top left of an empty dashboard', () => {
    expect(nextPosition([], 6, 8)).toEqual({ x: 0, y: 0, w: 6, h: 8 });
  });

  it('fills the last row before starting a new one', () => {
    expect(nextPosition([panel(0, 0, 6, 8)], 6, 8)).toEqual({ x: 6, y: 0, w: 6, h: 8 });
    expect(nextPosition([panel(0, 0, 6, 8), panel(6, 0, 6, 8)], 6, 8)).toEqual({
      x: 0,
      y: 8,
      w: 6,
      h: 8,
    });
  });

  it('goes below when a taller panel beside would overlap', () => {
    expect(nextPosition([panel(0, 0, 4, 4), panel(8, 0, 4, 10)], 4, 4)).toEqual({
      x: 0,
      y: 10,
      w: 4,
      h: 4,
    });
  });
});

describe('newPanelId', () => {
  it('gives distinct ids a panel id accepts', () => {
    const ids = new Set(Array.from({ length: 500 }, newPanelId));
    expect(ids.size).toBe(500);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{1,32}$/);
  });
});
