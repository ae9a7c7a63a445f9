import type { Panel } from '../../../model';
import type { VariableValues } from '../../../query/variables';
import { panelTarget, type DashboardTime, type PanelTarget } from '../panelRequests';
import { PanelFrame, type PanelActions } from './PanelFrame';
import { variablesIn } from '../../../query/variables';
import {
  HistogramPanel,
  LogsPanel,
  StatPanel,
  TablePanel,
  TimeseriesPanel,
  type KindProps,
} from './panelKinds';

const KINDS: Record<Panel['kind'], (props: KindProps) => React.ReactNode> = {
  logs: LogsPanel,
  histogram: HistogramPanel,
  timeseries: TimeseriesPanel,
  table: TablePanel,
  stat: StatPanel,
};

/**
 * One panel: its query with the dashboard's variables in, run by its kind. A query that cannot
 * be written (a datasource variable without a value, a backquote in a `…` string) is this
 * panel's error alone.
 */
export function PanelView({
  panel,
  values,
  declared,
  time,
  actions,
  bodyHeight,
  onZoom,
}: {
  panel: Panel;
  values: VariableValues;
  /** The dashboard's variable names: one the query uses without a value yet is waited for. */
  declared: readonly string[];
  time: DashboardTime;
  actions: PanelActions;
  bodyHeight: number;
  onZoom(fromMs: number, toMs: number): void;
}) {
  const waiting = [
    ...variablesIn(panel.query),
    ...panel.datasources.filter((r) => r.startsWith('$')).map((r) => r.slice(1)),
  ].filter((name) => declared.includes(name) && !Object.hasOwn(values, name));
  if (waiting.length > 0) {
    return (
      <PanelFrame panel={panel} actions={actions} state="loading">
        <div className="dash-panel-loading muted">Waiting for ${waiting[0]}</div>
      </PanelFrame>
    );
  }
  let target: PanelTarget;
  try {
    target = panelTarget(panel, values, time);
  } catch (e) {
    return (
      <PanelFrame panel={panel} actions={actions} state="error" error={(e as Error).message} />
    );
  }
  const Kind = KINDS[panel.kind];
  return (
    <Kind
      panel={panel}
      target={target}
      time={time}
      actions={actions}
      bodyHeight={bodyHeight}
      onZoom={onZoom}
    />
  );
}
