import { useQuery } from '@tanstack/react-query';
import type { LogRecord, Panel } from '../../../model';
import { stripAnsi } from '../../explore/ansi';
import { shortNumber, metricUnit } from '../../explore/histogram/metricUnit';
import { totalCount } from '../../explore/histogramData';
import { testIds } from '../../testIds';
import { formatLogTime } from '../../ui/time';
import {
  facetsRequest,
  histogramRequest,
  logsRequest,
  type DashboardTime,
  type PanelTarget,
} from '../panelRequests';
import { PanelChart } from './PanelChart';
import { PanelFrame, type PanelActions, type PanelState } from './PanelFrame';
import { statsSeries } from './statsSeries';

/** What every kind gets: its panel, its request, the dashboard's time, and its body height. */
export interface KindProps {
  panel: Panel;
  target: PanelTarget;
  time: DashboardTime;
  actions: PanelActions;
  bodyHeight: number;
  onZoom(fromMs: number, toMs: number): void;
}

/** A query's state as the frame shows it; a refresh keeps the last answer drawn. */
function frameState(q: {
  data: unknown;
  error: Error | null;
  isPlaceholderData: boolean;
}): PanelState {
  if (q.error) return 'error';
  return q.data === undefined || q.isPlaceholderData ? 'loading' : 'drawn';
}

/** What every kind's frame shows of its request: state, spinner, error and the query sent. */
function frameOf(
  q: { data: unknown; error: Error | null; isPlaceholderData: boolean; isFetching: boolean },
  panel: Panel,
  actions: PanelActions,
  target: PanelTarget,
) {
  return {
    panel,
    actions,
    state: frameState(q),
    busy: q.isFetching,
    error: q.error?.message,
    sentQuery: target.query,
  };
}

const count = (n: number) => n.toLocaleString('en-US');

export function LogsPanel({ panel, target, actions }: KindProps) {
  const q = useQuery(logsRequest(target, panel.limit ?? 100));
  const records = q.data ? newestFirst(q.data.records) : undefined;
  return (
    <PanelFrame
      {...frameOf(q, panel, actions, target)}
      note={records && `${count(records.length)} lines`}
    >
      {records && (
        <ol className="panel-logs" tabIndex={0} aria-label={`Lines of ${panel.title || 'panel'}`}>
          {records.map((r) => (
            <li key={r.id} data-testid={testIds.panelLogRow} className={`panel-level-${r.level}`}>
              <time>{formatLogTime(r.ts).slice(11, 23)}</time>
              <span className="panel-log-line">{stripAnsi(r.line)}</span>
            </li>
          ))}
          {records.length === 0 && <li className="muted">No lines in this range</li>}
        </ol>
      )}
    </PanelFrame>
  );
}

function newestFirst(records: LogRecord[]): LogRecord[] {
  return [...records].sort((a, b) =>
    a.ts.length === b.ts.length
      ? a.ts < b.ts
        ? 1
        : a.ts > b.ts
          ? -1
          : 0
      : b.ts.length - a.ts.length,
  );
}

export function HistogramPanel({ panel, target, time, actions, bodyHeight, onZoom }: KindProps) {
  const q = useQuery(histogramRequest(target, time.stepMs));
  return (
    <PanelFrame
      {...frameOf(q, panel, actions, target)}
      note={q.data && `${count(totalCount(q.data))} lines`}
    >
      {q.data && (
        <PanelChart histogram={q.data} kind="bars" height={bodyHeight - 22} onZoom={onZoom} />
      )}
    </PanelFrame>
  );
}

/**
 * Lines of a metric: a LogQL metric query's series or a search's counts by level come from the
 * histogram route; an Insights `stats … by bin()` from the query route as a table.
 */
export function TimeseriesPanel(props: KindProps) {
  return props.target.language === 'insights' && /\bstats\b/i.test(props.target.query) ? (
    <StatsTimeseries {...props} />
  ) : (
    <HistogramTimeseries {...props} />
  );
}

function HistogramTimeseries({ panel, target, time, actions, bodyHeight, onZoom }: KindProps) {
  const q = useQuery(histogramRequest(target, time.stepMs));
  const unit = target.language === 'logql' ? metricUnit(target.query) : undefined;
  return (
    <PanelFrame
      {...frameOf(q, panel, actions, target)}
      note={q.data && `${q.data.series.length} series`}
    >
      {q.data && (
        <PanelChart
          histogram={q.data}
          kind="lines"
          unit={unit}
          height={bodyHeight - 22}
          onZoom={onZoom}
        />
      )}
    </PanelFrame>
  );
}

function StatsTimeseries({ panel, target, actions, bodyHeight, onZoom }: KindProps) {
  const q = useQuery(logsRequest(target, panel.limit ?? 1000));
  let series;
  let problem: string | undefined;
  try {
    series = q.data ? statsSeries(q.data) : undefined;
  } catch (e) {
    problem = (e as Error).message;
  }
  const state = problem ? 'error' : frameState(q);
  return (
    <PanelFrame
      panel={panel}
      actions={actions}
      state={state}
      busy={q.isFetching}
      error={problem ?? q.error?.message}
      sentQuery={target.query}
      note={series && `${series.series.length} series`}
    >
      {series && (
        <PanelChart histogram={series} kind="lines" height={bodyHeight - 22} onZoom={onZoom} />
      )}
    </PanelFrame>
  );
}

export function TablePanel({ panel, target, actions }: KindProps) {
  const field = panel.field ?? '';
  const q = useQuery(facetsRequest(target, field, panel.limit ?? 10));
  const facet = q.data?.facets.find((f) => f.field === field) ?? q.data?.facets[0];
  const total = facet ? facet.values.reduce((n, v) => n + v.count, facet.other) : 0;
  return (
    <PanelFrame
      {...frameOf(q, panel, actions, target)}
      note={facet?.sampled ? `sampled, ${field}` : field}
    >
      {actions.editing && (
        <label className="panel-field">
          Field{' '}
          <input
            key={field}
            defaultValue={field}
            aria-label="Field counted"
            maxLength={256}
            onBlur={(e) => {
              const next = e.target.value.trim();
              if (next && next !== field) actions.onChange({ field: next });
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') e.currentTarget.blur();
            }}
          />
        </label>
      )}
      {q.data && (
        <div
          className="panel-table-wrap"
          tabIndex={0}
          role="region"
          aria-label={`Top values of ${field}`}
        >
          <table className="panel-table">
            <thead>
              <tr>
                <th>{field}</th>
                <th className="num">{facet?.unit === 'bytes' ? 'bytes' : 'count'}</th>
                <th className="share">share</th>
              </tr>
            </thead>
            <tbody>
              {facet?.values.map((v) => {
                const share = total > 0 ? v.count / total : 0;
                return (
                  <tr key={v.value} data-testid={testIds.panelTableRow}>
                    <td className="value" title={v.value}>
                      {v.value === '' ? <span className="muted">(empty)</span> : v.value}
                    </td>
                    <td className="num">{count(v.count)}</td>
                    <td className="share">
                      <span className="share-cell">
                        <span className="share-track">
                          <span className="share-bar" style={{ width: `${share * 100}%` }} />
                        </span>
                        <span className="share-text">{(share * 100).toFixed(1)}%</span>
                      </span>
                    </td>
                  </tr>
                );
              })}
              {(!facet || facet.values.length === 0) && (
                <tr>
                  <td colSpan={3} className="muted">
                    No values of {field} in this range
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      )}
    </PanelFrame>
  );
}

/** The count of matching lines: the histogram's sum, so it shares a histogram panel's request. */
export function StatPanel({ panel, target, time, actions, bodyHeight }: KindProps) {
  const q = useQuery(histogramRequest(target, time.stepMs));
  const total = q.data ? totalCount(q.data) : undefined;
  const errors = q.data?.series.find((s) => s.name === 'error');
  return (
    <PanelFrame {...frameOf(q, panel, actions, target)}>
      {total !== undefined && (
        <div
          className="panel-stat"
          style={{ fontSize: `${Math.min(56, Math.max(18, bodyHeight / 2.6))}px` }}
        >
          <span data-testid={testIds.panelStatValue} title={count(total)}>
            {total >= 100_000 ? shortNumber(total) : count(total)}
          </span>
          <small className="muted">
            lines
            {errors && (
              <span className="panel-stat-errors">
                {' '}
                · {count(errors.counts.reduce((a, b) => a + b, 0))} errors
              </span>
            )}
          </small>
        </div>
      )}
    </PanelFrame>
  );
}
