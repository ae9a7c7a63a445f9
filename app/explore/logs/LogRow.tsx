import { memo, type MouseEvent } from 'react';
import type { LogRecord } from '../../../model';
import { testIds } from '../../testIds';
import { formatLogTime } from '../../ui/time';
import { AnsiText } from '../AnsiText';
import type { Highlight } from '../highlights';
import { LEVEL_COLOURS } from '../histogramData';
import { columnValue } from './columns';
import type { TimeZone } from './listOptions';
import { cachedRowText } from './rowText';

export const ROW_HEIGHT = 22;

interface LogRowProps {
  domId: string;
  index: number;
  setSize: number;
  /**
   * Pixels from the top of the list. Each row is placed on its own, so rows coming into view
   * or leaving it move no other row: the browser paints only the rows that changed.
   */
  top: number;
  record: LogRecord;
  /** Lines this row stands for when deduplicated. */
  count: number;
  selected: boolean;
  active: boolean;
  linked: boolean;
  wrap: boolean;
  prettify: boolean;
  zone: TimeZone;
  highlight: Highlight;
  /** Fields shown as table cells between the time and the line. */
  columns: readonly string[];
  onClick(index: number, event: MouseEvent): void;
}

/** One line of the list; memoized so scrolling renders only the rows that came into view. */
export const LogRow = memo(function LogRow({
  domId,
  index,
  setSize,
  top,
  record,
  count,
  selected,
  active,
  linked,
  wrap,
  prettify,
  zone,
  highlight,
  columns,
  onClick,
}: LogRowProps) {
  const text = cachedRowText(record, wrap, prettify);
  const className = ['log-row', selected && 'selected', active && 'active', linked && 'linked']
    .filter(Boolean)
    .join(' ');
  return (
    <div
      id={domId}
      role="option"
      aria-selected={selected}
      aria-setsize={setSize}
      aria-posinset={index + 1}
      className={className}
      data-testid={testIds.logRow}
      data-index={index}
      data-ts={record.ts}
      data-id={record.id}
      style={{
        borderLeftColor: linked ? undefined : LEVEL_COLOURS[record.level],
        height: wrap ? undefined : ROW_HEIGHT,
        transform: `translateY(${top}px)`,
      }}
      onClick={(event) => onClick(index, event)}
    >
      <span className="log-time">{formatLogTime(record.ts, zone)}</span>
      {columns.map((field) => {
        const value = columnValue(record, field);
        return (
          <span key={field} className="log-cell" title={value}>
            {value}
          </span>
        );
      })}
      <span className="log-line">
        {count > 1 && (
          <span className="log-dup" data-testid={testIds.logDupCount} title={`${count} lines`}>
            ×{count}
          </span>
        )}
        <AnsiText line={text.text} highlight={highlight} />
        {text.hidden > 0 && (
          <span className="log-more">
            … {text.hidden.toLocaleString()} more {text.hiddenUnit}
          </span>
        )}
      </span>
    </div>
  );
});
