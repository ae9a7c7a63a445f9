import type { ScanStats } from '../../model';
import { testIds } from '../testIds';
import { formatBytes } from './formatBytes';

/** Dollars as the CloudWatch bill would round them: fractions of a cent still show. */
export function formatUsd(usd: number): string {
  if (usd === 0) return '$0';
  if (usd < 0.0001) return '< $0.0001';
  return `$${usd < 1 ? usd.toPrecision(2) : usd.toFixed(2)}`;
}

/** What the query scanned and what that costs, beside the result count. */
export function ScanCost({ scan }: { scan: ScanStats }) {
  return (
    <span
      className="muted"
      data-testid={testIds.scanCost}
      title="Logs Insights bills the bytes it scans; the price per GB is the datasource's setting"
    >
      {scan.cached
        ? 'from cache · nothing new scanned'
        : `scanned ${formatBytes(scan.bytesScanned)} (${scan.recordsScanned.toLocaleString()} records) ≈ ${formatUsd(scan.costUsd)}`}
    </span>
  );
}
