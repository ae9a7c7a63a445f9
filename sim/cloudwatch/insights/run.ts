import type { LogEvent } from '../store';
import type { Command, Named, Query, Value } from './ast';
import { evaluate, evaluateOver } from './evaluate';
import { Row } from './row';
import { compareValues, toText, truthy } from './values';

export interface ResultField {
  field: string;
  value: string;
}

export interface InsightsAnswer {
  rows: ResultField[][];
  recordsMatched: number;
  recordsScanned: number;
  bytesScanned: number;
}

export interface RunOptions {
  /** The API's `limit`, used when the query has no `limit` command. */
  limit: number;
  /** `@log` of an event: `<account id>:<log group name>`. */
  logId(event: LogEvent): string;
  ptr(event: LogEvent): string;
}

/** The columns of a query with neither `fields` nor `display`, as the console shows them. */
const DEFAULT_COLUMNS = ['@timestamp', '@message', '@logStream', '@log'];

interface State {
  rows: Row[];
  columns: string[] | undefined;
  aggregated: boolean;
  matched: number | undefined;
}

function groupKey(row: Row, by: Named[]): string {
  return JSON.stringify(by.map(({ expr }) => toText(evaluate(expr, row)) ?? null));
}

function stats(state: State, aggregates: Named[], by: Named[]): void {
  state.matched ??= state.rows.length;
  const groups = new Map<string, Row[]>();
  for (const row of state.rows) {
    const key = groupKey(row, by);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  if (groups.size === 0 && by.length === 0) groups.set('[]', []);
  state.rows = [...groups.values()].map((rows) => {
    const values = new Map<string, Value>();
    for (const { expr, name } of by)
      values.set(name, rows[0] ? evaluate(expr, rows[0]) : undefined);
    for (const { expr, name } of aggregates) values.set(name, evaluateOver(expr, rows));
    return Row.of(values);
  });
  state.columns = [...by, ...aggregates].map((n) => n.name);
  state.aggregated = true;
}

function sortRows(rows: Row[], keys: Extract<Command, { type: 'sort' }>['keys']): Row[] {
  const keyed = rows.map((row) => ({ row, values: keys.map((k) => evaluate(k.expr, row)) }));
  keyed.sort((x, y) => {
    for (let i = 0; i < keys.length; i++) {
      const a = x.values[i];
      const b = y.values[i];
      if (a === undefined || b === undefined) {
        if (a !== b) return a === undefined ? 1 : -1;
        continue;
      }
      const c = compareValues(a, b);
      if (c !== 0) return keys[i]?.descending ? -c : c;
    }
    return 0;
  });
  return keyed.map((k) => k.row);
}

function dedup(rows: Row[], names: string[]): Row[] {
  const seen = new Set<string>();
  return rows.filter((row) => {
    const values = names.map((n) => row.get(n));
    if (values.some((v) => v === undefined)) return true;
    const key = JSON.stringify(values.map(toText));
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const LOGFMT_PAIR = /([^\s="]+)=("(?:[^"\\]|\\.)*"|[^\s"]*)/g;

/** The `key=value` pairs of a logfmt line; quoted values lose their quotes and escapes. */
function logfmtPairs(text: string): [string, string][] {
  return [...text.matchAll(LOGFMT_PAIR)].map(([, key = '', raw = '']) => {
    if (!raw.startsWith('"')) return [key, raw];
    try {
      return [key, JSON.parse(raw) as string];
    } catch {
      return [key, raw.slice(1, -1)];
    }
  });
}

function apply(state: State, command: Command): void {
  switch (command.type) {
    case 'fields':
      for (const { expr, name } of command.items) {
        if (expr.type !== 'field' || expr.name !== name) {
          for (const row of state.rows) row.set(name, evaluate(expr, row));
        }
      }
      state.columns = [...new Set([...(state.columns ?? []), ...command.items.map((i) => i.name)])];
      return;
    case 'display':
      state.columns = command.names;
      return;
    case 'filter':
      state.rows = state.rows.filter((row) => truthy(evaluate(command.expr, row)));
      return;
    case 'parse':
      for (const row of state.rows) {
        const text = toText(evaluate(command.source, row));
        const match = text === undefined ? null : command.pattern.exec(text);
        if (!match) continue;
        command.names.forEach((name, i) => {
          row.set(name, match.groups?.[name] ?? match[i + 1]);
        });
      }
      return;
    case 'parseLogfmt':
      for (const row of state.rows) {
        const text = toText(evaluate(command.source, row));
        if (text === undefined) continue;
        for (const [key, value] of logfmtPairs(text)) {
          row.set(command.prefix === undefined ? key : `${command.prefix}.${key}`, value);
        }
      }
      return;
    case 'stats':
      stats(state, command.aggregates, command.by);
      return;
    case 'sort':
      state.rows = sortRows(state.rows, command.keys);
      return;
    case 'limit':
      state.matched ??= state.rows.length;
      state.rows = state.rows.slice(0, command.count);
      return;
    case 'dedup':
      state.matched ??= state.rows.length;
      state.rows = dedup(state.rows, command.names);
  }
}

/**
 * Runs a parsed query over the events of its log groups and time range. Events start newest
 * first, the order CloudWatch documents when a query does not sort.
 */
export function runInsights(query: Query, events: LogEvent[], options: RunOptions): InsightsAnswer {
  const scanned = [...events].sort((a, b) => b.timestamp - a.timestamp || b.id - a.id);
  const state: State = {
    rows: scanned.map((e) => new Row(e, options.logId(e))),
    columns: undefined,
    aggregated: false,
    matched: undefined,
  };
  for (const command of query.commands) apply(state, command);
  const matched = state.matched ?? state.rows.length;
  const limited = query.commands.some((c) => c.type === 'limit')
    ? state.rows
    : state.rows.slice(0, options.limit);
  const columns = state.columns ?? DEFAULT_COLUMNS;
  const rows = limited.map((row) => {
    const fields: ResultField[] = [];
    for (const field of columns) {
      const value = toText(row.get(field));
      if (value !== undefined) fields.push({ field, value });
    }
    if (!state.aggregated && row.event)
      fields.push({ field: '@ptr', value: options.ptr(row.event) });
    return fields;
  });
  return {
    rows,
    recordsMatched: matched,
    recordsScanned: events.length,
    bytesScanned: events.reduce((sum, e) => sum + e.size, 0),
  };
}
