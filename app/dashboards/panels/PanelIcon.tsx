import type { PanelKind } from '../../../model';

/** A small line drawing per kind, so a panel says what it shows before it has data. */
const PATHS: Record<PanelKind, string> = {
  logs: 'M2 3h12M2 6.5h9M2 10h12M2 13.5h7',
  histogram: 'M2 14V9M5.5 14V4M9 14V7M12.5 14V2',
  timeseries: 'M1.5 12l4-5 3 3 6-7',
  table: 'M2 3h12M2 6.5h12M2 10h12M2 13.5h12M6 2v13',
  stat: 'M3 13V8M8 13V3M13 13V6',
};

export const KIND_NAMES: Record<PanelKind, string> = {
  logs: 'Logs',
  histogram: 'Histogram',
  timeseries: 'Time series',
  table: 'Top values',
  stat: 'Stat',
};

export function PanelIcon({ kind }: { kind: PanelKind }) {
  return (
    <svg className="panel-icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
      <path d={PATHS[kind]} fill="none" stroke="currentColor" strokeWidth="1.5" />
    </svg>
  );
}
