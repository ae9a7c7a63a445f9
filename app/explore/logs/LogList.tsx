import {
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type KeyboardEvent,
  type MouseEvent,
  type UIEvent,
} from 'react';
import type { LogRecord } from '../../../model';
import { testIds } from '../../testIds';
import { zoneName } from '../../ui/time';
import type { Highlight } from '../highlights';
import { columnChoices, showsSource } from './columns';
import { rowOf, RowsBuilder, type ListRows } from './dedup';
import { HeightIndex, MeasuredHeights, rowWindow } from './heightIndex';
import { isMoveKey, moveActive, scrollToShow } from './keyboard';
import { LogListOptions } from './LogListOptions';
import { LogRow, ROW_HEIGHT } from './LogRow';
import { useListOptions } from './useListOptions';
import './LogList.css';

/** Pixels from the bottom that still count as "at the bottom" for a live tail. */
const BOTTOM_SLACK = 4;
/** Milliseconds of deduplication per slice: short enough to leave frames to scrolling. */
const DEDUP_SLICE_MS = 8;
/** Rows a first dedup slice finds before the list is drawn: more than a tall screen holds. */
const FIRST_ROWS = 200;

export interface LogListProps {
  /** Newest first, as queries answer; oldest first when `stickToBottom` (a live tail). */
  records: LogRecord[];
  selectedId: string | undefined;
  /** Terms of the query, marked in each line. */
  highlight: Highlight;
  onSelect(id: string | undefined): void;
  /** Fields shown as table columns (the store's, shared in the URL). */
  columns?: readonly string[];
  onToggleColumn?(field: string): void;
  /** The line a shared link points at: scrolled to once and marked. */
  linkedId?: string;
  /** Oldest-first live tail: keep the newest line in view while the user has not scrolled up. */
  stickToBottom?: boolean;
  onStickChange?(stuck: boolean): void;
}

const NO_COLUMNS: readonly string[] = [];

export function LogList({
  records,
  selectedId,
  highlight,
  onSelect,
  columns = NO_COLUMNS,
  onToggleColumn,
  linkedId,
  stickToBottom = false,
  onStickChange,
}: LogListProps) {
  const [options, setOptions] = useListOptions();
  const { wrap, prettify, dedup, order, zone } = options;
  const listRef = useRef<HTMLDivElement>(null);
  const domId = useId();
  const [viewport, setViewport] = useState({ top: 0, height: 800, width: 0 });

  // A live tail reads downwards whatever the order option says, as a terminal does.
  const reversed = order === 'oldest' && !stickToBottom;
  const builder = useMemo(() => {
    const next = new RowsBuilder(records, dedup, reversed);
    // A tail (a ring of a few thousand lines) is read at its bottom, the end of the fold.
    next.step(stickToBottom ? Number.POSITIVE_INFINITY : DEDUP_SLICE_MS, FIRST_ROWS);
    return next;
  }, [records, dedup, reversed, stickToBottom]);
  // Each later slice of the fold is a new snapshot, so the list grows as it goes.
  const [grown, setGrown] = useState<{ of: RowsBuilder; rows: ListRows }>();
  const rows = useMemo(
    () => (grown?.of === builder ? grown.rows : builder.snapshot()),
    [grown, builder],
  );
  useEffect(() => {
    if (builder.done) return undefined;
    let timer: ReturnType<typeof setTimeout>;
    const slice = () => {
      builder.step(DEDUP_SLICE_MS);
      setGrown({ of: builder, rows: builder.snapshot() });
      if (!builder.done) timer = setTimeout(slice);
    };
    timer = setTimeout(slice);
    return () => clearTimeout(timer);
  }, [builder]);
  const withSource = useMemo(() => showsSource(records), [records]);
  const shownColumns = useMemo(
    () => (withSource && !columns.includes('source') ? ['source', ...columns] : [...columns]),
    [withSource, columns],
  );
  const choices = useMemo(() => columnChoices(records), [records]);

  // Wrapped rows are measured once drawn; until then they are guessed one line tall.
  // Heights depend on the text drawn and the width it wraps in, so those reset them.
  const layoutKey = `${wrap}|${prettify}|${shownColumns.join(',')}|${viewport.width}`;
  const [measured] = useState(() => new MeasuredHeights());
  // Room for every record, built once per answer and layout: dedup slices only list more rows.
  const sized = useMemo(() => {
    const known = measured.under(layoutKey);
    const first = builder.snapshot();
    return new HeightIndex(
      records.length,
      wrap && known.size > 0
        ? (i) => known.get(first.record(i)?.id ?? '') ?? ROW_HEIGHT
        : ROW_HEIGHT,
    );
  }, [records, builder, wrap, layoutKey, measured]);
  const heights = useMemo(() => sized.listing(rows.length), [sized, rows]);
  const [, setMeasureRound] = useState(0);

  const win = rowWindow(heights, viewport.top, viewport.height);

  // After each draw: measure wrapped rows, and keep the row at the top of the view where it
  // was when rows above it turn out taller or shorter than guessed.
  useLayoutEffect(() => {
    const list = listRef.current;
    if (!wrap || !list) return;
    const anchor = heights.indexAt(list.scrollTop);
    let above = 0;
    let changed = false;
    for (const element of list.querySelectorAll<HTMLElement>('[data-index]')) {
      const i = Number(element.dataset.index);
      const delta = heights.set(i, element.offsetHeight);
      if (delta === 0) continue;
      changed = true;
      measured.remember(element.dataset.id ?? '', element.offsetHeight);
      if (i < anchor) above += delta;
    }
    if (above !== 0) list.scrollTop += above;
    if (changed) setMeasureRound((n) => n + 1);
  }, [wrap, heights, measured, win.start, win.end]);

  // Viewport size follows the element; width matters only to wrapped heights.
  useLayoutEffect(() => {
    const list = listRef.current;
    if (!list) return undefined;
    const measure = () =>
      setViewport((v) =>
        v.height === list.clientHeight && v.width === list.clientWidth
          ? v
          : { top: list.scrollTop, height: list.clientHeight, width: list.clientWidth },
      );
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(list);
    return () => observer.disconnect();
  }, []);

  // Lines added above the view (older lines loaded into an oldest-first list, a tail scrolled
  // down in a newest-first one) push the view down by their height: nothing under the reader
  // moves. At the very top of a newest-first list the new lines are what the reader waits for.
  const previous = useRef({ records, order, dedup, firstId: rows.record(0)?.id });
  useLayoutEffect(() => {
    const list = listRef.current;
    const before = previous.current;
    const firstId = rows.record(0)?.id;
    previous.current = { records, order, dedup, firstId };
    if (!list) return;
    if (before.order !== order || before.dedup !== dedup) {
      list.scrollTop = 0;
      return;
    }
    // Later dedup slices add rows below: only a new answer moves lines above the view.
    if (before.records === records) return;
    if (stickToBottom || before.firstId === undefined) return;
    if (firstId === before.firstId) return;
    const moved = rowOf(rows, before.firstId);
    if (moved > 0 && !(order === 'newest' && list.scrollTop === 0)) {
      list.scrollTop += heights.offsetOf(moved);
    } else if (moved === -1) {
      list.scrollTop = 0;
    }
  }, [records, rows, order, dedup, stickToBottom, heights]);

  // A live tail, oldest first, follows the newest line until the reader scrolls up.
  const stuck = useRef(true);
  useLayoutEffect(() => {
    const list = listRef.current;
    if (stickToBottom && stuck.current && list) list.scrollTop = list.scrollHeight;
  });

  const onScroll = (event: UIEvent<HTMLDivElement>) => {
    // Only scrollTop is read: the heights are known, and asking the element for them would
    // lay out the page again in the middle of a scroll.
    const top = event.currentTarget.scrollTop;
    setViewport((v) => (v.top === top ? v : { ...v, top }));
    const atBottom = top + viewport.height >= heights.totalHeight - BOTTOM_SLACK;
    if (atBottom !== stuck.current) {
      stuck.current = atBottom;
      onStickChange?.(atBottom);
    }
  };

  const scrollToRow = useCallback(
    (i: number, center: boolean) => {
      const list = listRef.current;
      if (!list) return;
      const top = heights.offsetOf(i);
      const target = center
        ? Math.max(0, top - list.clientHeight / 2 + heights.heightOf(i) / 2)
        : scrollToShow(top, heights.heightOf(i), list.scrollTop, list.clientHeight);
      if (target !== undefined) list.scrollTop = target;
    },
    [heights],
  );

  // A shared link's line is brought into view once, when it is first listed.
  const linkedShown = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (!linkedId || linkedShown.current === linkedId) return;
    const i = rowOf(rows, linkedId);
    if (i === -1) return;
    linkedShown.current = linkedId;
    scrollToRow(i, true);
  }, [linkedId, rows, scrollToRow]);

  const [activeId, setActiveId] = useState<string | undefined>();
  const activeIndex = useMemo(
    () => (activeId === undefined ? -1 : rowOf(rows, activeId)),
    [rows, activeId],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target !== event.currentTarget) return;
    if (isMoveKey(event.key)) {
      event.preventDefault();
      const pageRows = Math.floor(viewport.height / ROW_HEIGHT);
      const from = activeIndex === -1 ? undefined : activeIndex;
      const next = moveActive(from, event.key, rows.length, pageRows);
      if (next === undefined) return;
      setActiveId(rows.record(next)?.id);
      scrollToRow(next, false);
    } else if ((event.key === 'Enter' || event.key === ' ') && activeIndex !== -1) {
      event.preventDefault();
      onSelect(rows.record(activeIndex)?.id);
    } else if (event.key === 'Escape') {
      setActiveId(undefined);
      onSelect(undefined);
    }
  };

  // The active row starts at the selected line, so keys continue from what is open.
  const onFocus = () => {
    if (activeId === undefined && selectedId !== undefined) setActiveId(selectedId);
  };

  const onRowClick = useCallback(
    (i: number, event: MouseEvent) => {
      // Selecting text in a line is reading it, not opening it.
      if (window.getSelection()?.toString()) return;
      event.currentTarget.closest<HTMLElement>('[role="listbox"]')?.focus({ preventScroll: true });
      const id = rows.record(i)?.id;
      setActiveId(id);
      onSelect(id === selectedId ? undefined : id);
    },
    [rows, selectedId, onSelect],
  );

  const table = shownColumns.length > 0;
  const gridStyle = table
    ? ({
        '--log-columns': `var(--log-time-width) ${shownColumns.map(() => 'var(--log-cell-width)').join(' ')} minmax(0, 1fr)`,
      } as CSSProperties)
    : undefined;
  const className = ['log-list', wrap ? 'wrap' : 'nowrap', table ? 'table' : '']
    .filter(Boolean)
    .join(' ');

  return (
    <section className="log-list-panel" style={gridStyle}>
      <LogListOptions
        options={options}
        onChange={setOptions}
        columns={columns}
        choices={choices}
        onToggleColumn={onToggleColumn}
        shown={rows.length}
        total={records.length}
      />
      {table && (
        <div className="log-header" data-testid={testIds.logHeader}>
          <span className="log-time">Time ({zoneName(zone)})</span>
          {shownColumns.map((field) => (
            <span key={field} className="log-cell" data-testid={testIds.logColumn}>
              <span className="log-column-name">{field}</span>
              {columns.includes(field) && onToggleColumn && (
                <button
                  type="button"
                  className="ghost log-column-remove"
                  aria-label={`Remove column ${field}`}
                  onClick={() => onToggleColumn(field)}
                >
                  ×
                </button>
              )}
            </span>
          ))}
          <span>Line</span>
        </div>
      )}
      <div
        ref={listRef}
        className={className}
        data-testid={testIds.logList}
        role="listbox"
        aria-label="Log lines"
        tabIndex={0}
        aria-activedescendant={
          activeIndex >= win.start && activeIndex < win.end ? `${domId}-${activeIndex}` : undefined
        }
        onScroll={onScroll}
        onKeyDown={onKeyDown}
        onFocus={onFocus}
      >
        {records.length === 0 && (
          <p className="empty">No log lines for this query and time range.</p>
        )}
        <div className="log-spacer" style={{ height: win.totalHeight }}>
          {Array.from({ length: win.end - win.start }, (_, k) => {
            const i = win.start + k;
            const record = rows.record(i);
            if (!record) return null;
            return (
              <LogRow
                key={record.id}
                domId={`${domId}-${i}`}
                index={i}
                setSize={rows.length}
                top={heights.offsetOf(i)}
                record={record}
                count={rows.count(i)}
                selected={record.id === selectedId}
                active={i === activeIndex}
                linked={record.id === linkedId}
                wrap={wrap}
                prettify={prettify}
                zone={zone}
                highlight={highlight}
                columns={shownColumns}
                onClick={onRowClick}
              />
            );
          })}
        </div>
      </div>
    </section>
  );
}
