// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Panel } from '../../../model';
import { testIds } from '../../testIds';
import { DashboardGrid, GAP, ROW_HEIGHT } from './DashboardGrid';
import type { LayoutItem } from './layout';

afterEach(cleanup);

const panel = (id: string, grid: Panel['grid']): Panel => ({
  id,
  title: id,
  kind: 'stat',
  datasources: ['local'],
  language: 'logql',
  query: '{job="a"}',
  grid,
});
const panels = [panel('a', { x: 0, y: 0, w: 6, h: 4 }), panel('b', { x: 6, y: 0, w: 6, h: 4 })];
// jsdom has no layout: the grid falls back to 1200 px, so a column is this wide with its gap.
const COLUMN = (1200 - GAP * 11) / 12 + GAP;

function renderGrid(editing: boolean) {
  const onLayout = vi.fn<(layout: LayoutItem[]) => void>();
  render(
    <DashboardGrid
      panels={panels}
      editing={editing}
      onLayout={onLayout}
      renderPanel={(p, slot) => (
        <header data-testid={`handle-${p.id}`} onPointerDown={slot.onDragStart}>
          {p.title}
        </header>
      )}
    />,
  );
  return onLayout;
}
// jsdom has no PointerEvent: a MouseEvent of the pointer type carries the coordinates.
const pointer = (target: EventTarget, type: string, clientX = 0, clientY = 0) =>
  fireEvent(
    target as Element,
    new MouseEvent(type, { bubbles: true, button: 0, clientX, clientY }),
  );
const item = (layout: LayoutItem[] | undefined, id: string) => layout?.find((i) => i.id === id);

describe('DashboardGrid', () => {
  it('moves a panel dragged by its header to the cell under the pointer, pushing the other down', () => {
    const onLayout = renderGrid(true);
    pointer(screen.getByTestId('handle-b'), 'pointerdown', 700, 10);
    pointer(window, 'pointermove', 700 - 6 * COLUMN, 10);
    pointer(window, 'pointerup');
    const layout = onLayout.mock.calls[0]?.[0];
    expect(item(layout, 'b')).toMatchObject({ x: 0, y: 0 });
    expect(item(layout, 'a')).toMatchObject({ x: 0, y: 4 });
  });

  it('resizes from the corner handle in whole cells', () => {
    const onLayout = renderGrid(true);
    const [corner] = screen.getAllByTestId(testIds.panelResize);
    pointer(corner as HTMLElement, 'pointerdown', 0, 0);
    pointer(window, 'pointermove', 2.4 * COLUMN, 2 * (ROW_HEIGHT + GAP) + 5);
    pointer(window, 'pointerup');
    const layout = onLayout.mock.calls[0]?.[0];
    expect(item(layout, 'a')).toMatchObject({ x: 0, y: 0, w: 8, h: 6 });
    expect(item(layout, 'b')).toMatchObject({ x: 6, y: 6 });
  });

  it('moves a focused panel with the arrow keys, and not at all outside edit mode', () => {
    const onLayout = renderGrid(true);
    const a = screen.getByTestId('handle-a').parentElement as HTMLElement;
    fireEvent.keyDown(a, { key: 'ArrowDown' });
    expect(item(onLayout.mock.calls[0]?.[0], 'a')).toMatchObject({ y: 0 });
    fireEvent.keyDown(a, { key: 'ArrowRight', shiftKey: true });
    expect(item(onLayout.mock.calls[1]?.[0], 'a')).toMatchObject({ w: 7 });
    cleanup();
    const still = renderGrid(false);
    pointer(screen.getByTestId('handle-b'), 'pointerdown', 700, 10);
    pointer(window, 'pointermove', 0, 300);
    pointer(window, 'pointerup');
    expect(still).not.toHaveBeenCalled();
    expect(screen.queryByTestId(testIds.panelResize)).toBeNull();
  });
});
