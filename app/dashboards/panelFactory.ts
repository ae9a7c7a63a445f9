import { GRID_COLUMNS, type GridPos, type Panel } from '../../model';

/** Panel ids only need to be unique inside their dashboard; 8 random characters are plenty. */
export function newPanelId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(6));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_');
}

/** Where a new panel of this size goes: the first free place in the rows below all others. */
export function nextPosition(panels: readonly Panel[], w: number, h: number): GridPos {
  const width = Math.min(Math.max(w, 1), GRID_COLUMNS);
  const bottom = panels.reduce((max, p) => Math.max(max, p.grid.y + p.grid.h), 0);
  // Beside the last row's panels when they leave room, as Grafana fills a row before a new one.
  const lastRow = panels.filter((p) => p.grid.y + p.grid.h === bottom);
  const used = lastRow.reduce((max, p) => Math.max(max, p.grid.x + p.grid.w), 0);
  const top = lastRow.reduce((min, p) => Math.min(min, p.grid.y), bottom);
  const fits =
    lastRow.length > 0 &&
    used + width <= GRID_COLUMNS &&
    panels.every((p) => p.grid.x + p.grid.w <= used || p.grid.y + p.grid.h <= top);
  return fits ? { x: used, y: top, w: width, h } : { x: 0, y: bottom, w: width, h };
}
