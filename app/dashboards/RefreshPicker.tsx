import { testIds } from '../testIds';
import { REFRESH_CHOICES, refreshLabel } from './dashboardUrl';

/**
 * Refresh now, and every so often: Off or Grafana's intervals, none below the server's minimum
 * (`dashboards.minRefreshSeconds`), so a room of open dashboards cannot flood the backends.
 */
export function RefreshPicker({
  refreshMs,
  minRefreshMs,
  busy,
  onRefresh,
  onChange,
}: {
  refreshMs: number | null;
  minRefreshMs: number;
  busy: boolean;
  onRefresh(): void;
  onChange(ms: number | null): void;
}) {
  const choices = REFRESH_CHOICES.filter((c) => c.ms >= minRefreshMs);
  const known = refreshMs === null || choices.some((c) => c.ms === refreshMs);
  return (
    <div className="dash-refresh">
      <button
        type="button"
        className="toolbar-button compact"
        data-testid={testIds.dashboardRefresh}
        aria-label="Refresh every panel"
        title="Refresh every panel"
        onClick={onRefresh}
      >
        <span className={busy ? 'dash-spin' : undefined}>↻</span>
      </button>
      <select
        className="dash-refresh-select"
        data-testid={testIds.dashboardRefreshPicker}
        aria-label="Auto-refresh"
        value={refreshMs === null ? 'off' : String(refreshMs)}
        onChange={(e) => onChange(e.target.value === 'off' ? null : Number(e.target.value))}
      >
        <option value="off">Off</option>
        {!known && refreshMs !== null && (
          <option value={String(refreshMs)}>{refreshLabel(refreshMs)}</option>
        )}
        {choices.map((c) => (
          <option key={c.ms} value={String(c.ms)}>
            {c.label}
          </option>
        ))}
      </select>
    </div>
  );
}
