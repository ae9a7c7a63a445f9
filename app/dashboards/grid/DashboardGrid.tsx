import {
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type PointerEvent,
  type ReactNode,
} from 'react';
import { GRID_COLUMNS, type Panel } from '../../../model';
import { testIds } from '../../testIds';
import { compact, keyStep, moveItem, resizeItem, type Layout, type LayoutItem } from './layout';
import './grid.css';

/** Fixed row height and gutter, in pixels, as Grafana's grid has them. */
export const ROW_HEIGHT = 30;
export const GAP = 8;
const HEADER = 30;

interface Drag {
  id: string;
  mode: 'move' | 'resize';
  start: LayoutItem;
  /** Where the pointer went down, and the panel's pixel box then. */
  x0: number;
  y0: number;
  left0: number;
  top0: number;
  /** The panel follows the pointer; its cell is shown under it, snapped. */
  dx: number;
  dy: number;
}

export interface GridSlot {
  onDragStart(e: PointerEvent<HTMLElement>): void;
  /** Pixels the panel's body has below its header. */
  bodyHeight: number;
}

const layoutOf = (panels: readonly Panel[]): Layout => panels.map((p) => ({ id: p.id, ...p.grid }));

function useWidth(): [React.RefObject<HTMLDivElement | null>, number] {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(1200);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return undefined;
    const measure = () => setWidth(el.clientWidth || 1200);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

/**
 * The 12-column grid: panels placed by their cells; in edit mode a panel moves by its header
 * and resizes by its corner, snapping to cells, pushing others down and floating up on drop
 * (layout.ts), and moves with the arrow keys when focused (Shift+arrows resize).
 */
export function DashboardGrid({
  panels,
  editing,
  onLayout,
  renderPanel,
}: {
  panels: readonly Panel[];
  editing: boolean;
  onLayout(layout: LayoutItem[]): void;
  renderPanel(panel: Panel, slot: GridSlot): ReactNode;
}) {
  const [host, width] = useWidth();
  const [drag, setDrag] = useState<Drag | undefined>();
  const [preview, setPreview] = useState<LayoutItem[] | undefined>();
  const colWidth = (width - GAP * (GRID_COLUMNS - 1)) / GRID_COLUMNS;
  const stepX = colWidth + GAP;
  const stepY = ROW_HEIGHT + GAP;
  const box = (item: Pick<LayoutItem, 'x' | 'y' | 'w' | 'h'>) => ({
    left: item.x * stepX,
    top: item.y * stepY,
    width: item.w * colWidth + (item.w - 1) * GAP,
    height: item.h * ROW_HEIGHT + (item.h - 1) * GAP,
  });
  const layout = preview ?? layoutOf(panels);
  const byId = new Map(layout.map((item) => [item.id, item]));
  const bottom = layout.reduce((max, item) => Math.max(max, item.y + item.h), 0);

  const begin = (panel: Panel, mode: Drag['mode'], e: PointerEvent<HTMLElement>) => {
    if (!editing || e.button !== 0) return;
    e.preventDefault();
    const start = byId.get(panel.id);
    if (!start) return;
    const base = layoutOf(panels);
    const { left, top } = box(start);
    let current: Drag = {
      id: panel.id,
      mode,
      start,
      x0: e.clientX,
      y0: e.clientY,
      left0: left,
      top0: top,
      dx: 0,
      dy: 0,
    };
    let next: LayoutItem[] = [...base];
    setDrag(current);
    const move = (ev: globalThis.PointerEvent) => {
      const dx = ev.clientX - current.x0;
      const dy = ev.clientY - current.y0;
      current = { ...current, dx, dy };
      next =
        mode === 'move'
          ? moveItem(
              base,
              panel.id,
              start.x + Math.round(dx / stepX),
              start.y + Math.round(dy / stepY),
            )
          : resizeItem(
              base,
              panel.id,
              start.w + Math.round(dx / stepX),
              start.h + Math.round(dy / stepY),
            );
      setDrag(current);
      setPreview(next);
    };
    const end = () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', end);
      window.removeEventListener('pointercancel', end);
      setDrag(undefined);
      setPreview(undefined);
      const settled = compact(next);
      if (settled.some((item, i) => JSON.stringify(item) !== JSON.stringify(base[i]))) {
        onLayout(settled);
      }
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', end);
    window.addEventListener('pointercancel', end);
  };

  const onKey = (panel: Panel, e: KeyboardEvent<HTMLDivElement>) => {
    if (!editing || e.target !== e.currentTarget) return;
    if (
      e.key !== 'ArrowLeft' &&
      e.key !== 'ArrowRight' &&
      e.key !== 'ArrowUp' &&
      e.key !== 'ArrowDown'
    ) {
      return;
    }
    e.preventDefault();
    onLayout(keyStep(layoutOf(panels), panel.id, e.key, e.shiftKey));
  };

  return (
    <div
      ref={host}
      className={`dash-grid${editing ? ' editing' : ''}${drag ? ' dragging' : ''}`}
      data-testid={testIds.dashboardGrid}
      style={{ height: Math.max(bottom * stepY - GAP, 0) + (editing ? stepY * 4 : 0) }}
    >
      {drag && byId.get(drag.id) && (
        <div className="dash-grid-placeholder" style={box(byId.get(drag.id) as LayoutItem)} />
      )}
      {panels.map((panel) => {
        const item = byId.get(panel.id) ?? { id: panel.id, ...panel.grid };
        const dragged = drag?.id === panel.id;
        const cell = box(item);
        const style =
          dragged && drag.mode === 'move'
            ? {
                ...cell,
                left: drag.left0 + drag.dx,
                top: drag.top0 + drag.dy,
                width: box(drag.start).width,
                height: box(drag.start).height,
              }
            : dragged
              ? {
                  ...cell,
                  width: Math.max(colWidth, box(drag.start).width + drag.dx),
                  height: Math.max(ROW_HEIGHT, box(drag.start).height + drag.dy),
                }
              : cell;
        return (
          <div
            key={panel.id}
            className={`dash-grid-item${dragged ? ' active' : ''}`}
            style={style}
            tabIndex={editing ? 0 : undefined}
            aria-keyshortcuts={
              editing ? 'ArrowLeft ArrowRight ArrowUp ArrowDown Shift+ArrowDown' : undefined
            }
            aria-description={
              editing
                ? `column ${item.x + 1}, row ${item.y + 1}, ${item.w} by ${item.h}; arrows move, Shift+arrows resize`
                : undefined
            }
            onKeyDown={(e) => onKey(panel, e)}
          >
            {renderPanel(panel, {
              onDragStart: (e) => begin(panel, 'move', e),
              bodyHeight: style.height - HEADER - 8,
            })}
            {editing && (
              <span
                className="dash-grid-resize"
                data-testid={testIds.panelResize}
                aria-hidden="true"
                onPointerDown={(e) => begin(panel, 'resize', e)}
              />
            )}
          </div>
        );
      })}
    </div>
  );
}
