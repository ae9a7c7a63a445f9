import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import {
  niceStepMs,
  resolveRange,
  type FacetsResponse,
  type Histogram,
  type Language,
  type Panel,
  type QueryResponse,
} from '../../model';
import {
  interpolateVariables,
  resolveDatasourceRefs,
  type VariableValues,
} from '../../query/variables';
import { postJson } from '../api/client';
import { timeBuiltins, VARIABLE_BUCKETS } from '../api/timeBuiltins';

/**
 * What a dashboard's panels ask the server. Every key is the request body and nothing else,
 * so two panels that send the same body (a histogram and a stat on one query) share one
 * request, and the dashboard (not each panel's width) picks the histogram step.
 */

/** Bars across the dashboard's range, whatever a panel's width: one step for every panel. */
export const DASHBOARD_BUCKETS = VARIABLE_BUCKETS;

/** The dashboard's range resolved once (on open and on each refresh) for all its panels. */
export interface DashboardTime {
  fromMs: number;
  toMs: number;
  stepMs: number;
}

export function resolveDashboardTime(
  from: string | number,
  to: string | number,
  nowMs: number,
): DashboardTime {
  const { fromMs, toMs } = resolveRange(from, to, nowMs, Number.POSITIVE_INFINITY);
  return { fromMs, toMs, stepMs: niceStepMs(toMs - fromMs, DASHBOARD_BUCKETS) };
}

export interface PanelTarget {
  datasource: string | string[];
  language: Language;
  query: string;
  from: number;
  to: number;
}

/** The panel's query with the variables' values in; throws a LogsiftError a panel shows. */
export function panelTarget(
  panel: Panel,
  values: VariableValues,
  time: DashboardTime,
): PanelTarget {
  const datasources = resolveDatasourceRefs(panel.datasources, values);
  const query = interpolateVariables(
    panel.query,
    panel.language,
    values,
    timeBuiltins(time.fromMs, time.toMs),
  );
  return {
    datasource: datasources.length === 1 ? (datasources[0] ?? '') : datasources,
    language: panel.language,
    query,
    from: time.fromMs,
    to: time.toMs,
  };
}

const PANEL_KEY = 'dashboard-panel';

/** Every panel request's key starts so: a refresh of an absolute range reruns them all. */
export const panelQueryKeyPrefix = [PANEL_KEY] as const;

// A refresh asks again while the last answer stays drawn: no flicker, no empty panels.
const shared = {
  retry: false,
  staleTime: Infinity,
  placeholderData: keepPreviousData,
} as const;

export const histogramRequest = (target: PanelTarget, stepMs: number) => {
  const body = { ...target, step: stepMs };
  return queryOptions({
    queryKey: [PANEL_KEY, '/api/v1/histogram', body],
    queryFn: ({ signal }) => postJson<Histogram>('/api/v1/histogram', body, signal),
    ...shared,
  });
};

export const logsRequest = (target: PanelTarget, limit: number) => {
  const body = { ...target, limit };
  return queryOptions({
    queryKey: [PANEL_KEY, '/api/v1/query', body],
    queryFn: ({ signal }) => postJson<QueryResponse>('/api/v1/query', body, signal),
    ...shared,
    structuralSharing: false,
  });
};

export const facetsRequest = (target: PanelTarget, field: string, size: number) => {
  const body = { ...target, fields: [field], size };
  return queryOptions({
    queryKey: [PANEL_KEY, '/api/v1/facets', body],
    queryFn: ({ signal }) => postJson<FacetsResponse>('/api/v1/facets', body, signal),
    ...shared,
  });
};
