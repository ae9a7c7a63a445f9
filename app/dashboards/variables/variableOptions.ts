import { queryOptions } from '@tanstack/react-query';
import type { DatasourceInfo, FieldInfo, Variable } from '../../../model';
import { apiFetch } from '../../api/client';

export interface VariableRange {
  from: string | number;
  to: string | number;
}

/** One choice of a picker: what goes into the query, and what the user reads. */
export interface VariableOption {
  value: string;
  text: string;
}

/**
 * The datasource a reference names: an id as is, `$name` through the value of that
 * datasource variable; undefined while that variable has no value yet.
 */
export function resolveDatasource(ref: string, values: Record<string, string>): string | undefined {
  if (!ref.startsWith('$')) return ref;
  const value = values[ref.slice(1)];
  return value && !value.startsWith('$') ? value : undefined;
}

const datasourcePath = (datasource: string, what: string, params: Record<string, string>) =>
  `/api/v1/datasources/${encodeURIComponent(datasource)}/${what}?${new URLSearchParams(params).toString()}`;

/** A field's values over the dashboard's time range, as the values route lists them. */
export const fieldValuesQuery = (
  datasource: string | undefined,
  field: string,
  range: VariableRange,
) =>
  queryOptions({
    queryKey: ['variable-values', datasource, field, String(range.from), String(range.to)],
    queryFn: ({ signal }) =>
      apiFetch<string[]>(
        datasourcePath(datasource ?? '', 'values', {
          field,
          from: String(range.from),
          to: String(range.to),
        }),
        { signal },
      ),
    enabled: datasource !== undefined && field !== '',
    staleTime: 30_000,
    retry: false,
  });

/** A datasource's field names, for the variable editor's field box. */
export const fieldNamesQuery = (datasource: string | undefined, range: VariableRange) =>
  queryOptions({
    queryKey: ['variable-fields', datasource, String(range.from), String(range.to)],
    queryFn: ({ signal }) =>
      apiFetch<FieldInfo[]>(
        datasourcePath(datasource ?? '', 'fields', {
          from: String(range.from),
          to: String(range.to),
        }),
        { signal },
      ),
    enabled: datasource !== undefined,
    staleTime: 60_000,
    retry: false,
    select: (fields) => fields.map((f) => f.name),
  });

/** A datasource variable's choices: the configured datasources, of its kind when it names one. */
export function datasourceOptions(
  variable: Extract<Variable, { kind: 'datasource' }>,
  datasources: DatasourceInfo[],
): VariableOption[] {
  return datasources
    .filter((d) => !variable.datasourceKind || d.kind === variable.datasourceKind)
    .map((d) => ({ value: d.id, text: d.name }));
}

export const valueOptions = (values: string[]): VariableOption[] =>
  values.map((v) => ({ value: v, text: v }));
