import type { QueryProgress, QueryStats } from '../../model';
import { testIds } from '../testIds';
import { ordinal } from '../ui/ordinal';
import { ScanCost } from './ScanCost';

interface AnswerStatsProps {
  /** The query's progress while it runs (queue place, rows so far), when the backend says. */
  running: QueryProgress | undefined;
  /** The first page's stats: total hits and the scan are the whole answer's. */
  first: QueryStats | undefined;
  /** How long the last page took. */
  tookMs: number | undefined;
  /** Partial answers (failed shards, timeouts), beside the count as Kibana's toast does. */
  warnings: readonly string[];
}

/** What the results bar says about an answer beside its line count. */
export function AnswerStats({ running, first, tookMs, warnings }: AnswerStatsProps) {
  return (
    <>
      {running && (
        <span className="muted" role="status" data-testid={testIds.queryProgress}>
          {running.state === 'queued'
            ? `waiting for a query slot: ${ordinal(running.position)} in line`
            : `running: ${running.records.length.toLocaleString()} rows so far`}
        </span>
      )}
      {running?.state === 'running' && running.stats.scan && <ScanCost scan={running.stats.scan} />}
      {first?.total !== undefined && (
        <span data-testid={testIds.totalHits}>of {first.total.toLocaleString()} matching</span>
      )}
      {tookMs !== undefined && <span className="muted">{tookMs} ms</span>}
      {!running && first?.scan && <ScanCost scan={first.scan} />}
      {warnings.length > 0 && (
        <span className="warn" role="status" data-testid={testIds.warnings}>
          ⚠ {warnings.join('; ')}
        </span>
      )}
    </>
  );
}
