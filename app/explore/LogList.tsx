import { useState, type UIEvent } from 'react';
import type { LogRecord } from '../../model';
import { testIds } from '../testIds';
import { formatLogTime } from '../ui/time';
import { AnsiText } from './AnsiText';
import type { Highlight } from './highlights';
import { LEVEL_COLOURS } from './histogramData';
import { virtualWindow } from './virtualWindow';

const ROW_HEIGHT = 22;

interface LogListProps {
  records: LogRecord[];
  selectedId: string | undefined;
  /** Terms of the query, marked in each line. */
  highlight: Highlight;
  onSelect(id: string | undefined): void;
}

export function LogList({ records, selectedId, highlight, onSelect }: LogListProps) {
  const [scroll, setScroll] = useState({ top: 0, height: 800 });
  const onScroll = (e: UIEvent<HTMLDivElement>) =>
    setScroll({ top: e.currentTarget.scrollTop, height: e.currentTarget.clientHeight });
  const win = virtualWindow(records.length, ROW_HEIGHT, scroll.top, scroll.height);
  return (
    <div className="log-list" data-testid={testIds.logList} onScroll={onScroll} role="list">
      {records.length === 0 && <p className="empty">No log lines for this query and time range.</p>}
      <div style={{ height: win.totalHeight, position: 'relative' }}>
        <div style={{ transform: `translateY(${win.offsetTop}px)` }}>
          {records.slice(win.start, win.end).map((r) => (
            <div
              key={r.id}
              role="listitem"
              className={r.id === selectedId ? 'log-row selected' : 'log-row'}
              data-testid={testIds.logRow}
              data-ts={r.ts}
              data-id={r.id}
              style={{ height: ROW_HEIGHT, borderLeftColor: LEVEL_COLOURS[r.level] }}
              onClick={() => onSelect(r.id === selectedId ? undefined : r.id)}
            >
              <span className="log-time">{formatLogTime(r.ts)}</span>
              <span className="log-line">
                <AnsiText
                  line={r.line.length > 2000 ? r.line.slice(0, 2000) : r.line}
                  highlight={highlight}
                />
              </span>
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}
