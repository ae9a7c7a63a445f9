import { GetLogGroupFieldsCommand } from '@aws-sdk/client-cloudwatch-logs';
import type { Facet, FieldInfo } from '../../../model';
import { answerScan } from './budget';
import type { CloudWatchApi } from './client';
import { Coalescer } from './coalesce';
import { COUNT, countingBase, topValuesText } from './insightsText';
import type { InsightsRunner } from './insightsRunner';
import { rangeOf } from './query';
import { valuesOf } from './records';

export const TOP = 10;
export const VALUES = 100;
/** GetLogGroupFields is asked for this many log groups at most: one call each. */
const FIELD_GROUPS = 10;
const FIELDS_TTL_MS = 60_000;
/** GetLogGroupFields looks 15 minutes back from now, or ±8 minutes around a given time. */
const RECENT_MS = 15 * 60_000;
const LEVEL_FIELDS = ['level', 'log_processed.level', 'severity', 'log.level', 'lvl', 'loglevel'];

export interface MetadataContext {
  api: CloudWatchApi;
  runner: InsightsRunner;
  pricePerGb: number;
  fieldMap: Record<string, string>;
  now: () => number;
}

interface CountRequest {
  fromMs: number;
  toMs: number;
  user?: string;
}

/** Combinations of facet values one answer may hold: GetQueryResults' most rows. */
const MAX_COMBINATIONS = 10_000;

/**
 * The top values of each field from one Insights query, however many fields: `stats count(*)
 * by f1, f2, …` scans the range once, where a query per field would scan it once each. Each
 * field's counts are summed over the combinations; when there are more combinations than one
 * answer holds, the least frequent are missing and the facets say they are counted on the
 * records the rows hold; one field alone (a field's "more values") is always exact. The scan
 * rides on the first facet, so that adding the facets' scans counts it once.
 */
export async function facetsOf(
  ctx: MetadataContext,
  req: CountRequest,
  insights: string,
  logGroupNames: string[],
  fields: string[],
  top: number,
  signal: AbortSignal,
): Promise<Facet[]> {
  const empty = fields.map((field): Facet => ({ field, values: [], other: 0, sampled: false }));
  const base = countingBase(insights);
  if (base === undefined || fields.length === 0) return empty;
  const columns = fields.map((f) => ctx.fieldMap[f] ?? f);
  const limit = fields.length === 1 ? top : MAX_COMBINATIONS;
  const answer = await ctx.runner.run(
    {
      queryString: topValuesText(base, [...new Set(columns)], limit),
      logGroupNames,
      ...rangeOf(req),
      limit,
    },
    { signal, ...(req.user !== undefined ? { user: req.user } : {}) },
  );
  const sampled = fields.length > 1 && answer.rows.length >= MAX_COMBINATIONS;
  const rows = answer.rows.map(valuesOf);
  const counted = rows.reduce((n, r) => n + Number(r[COUNT] ?? 0), 0);
  const total = answer.statistics?.recordsMatched ?? counted;
  return fields.map((field, i): Facet => {
    const column = columns[i] ?? field;
    const counts = new Map<string, number>();
    for (const row of rows) {
      const value = row[column];
      if (value !== undefined)
        counts.set(value, (counts.get(value) ?? 0) + Number(row[COUNT] ?? 0));
    }
    const values = [...counts]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, top)
      .map(([value, count]) => ({ value, count }));
    const inTop = values.reduce((n, v) => n + v.count, 0);
    // Records without the field are "other" too, as in the other datasources' facets.
    const other = Math.max(0, total - inTop);
    const facet: Facet = sampled
      ? { field, values, other, sampled, sampleSize: counted }
      : { field, values, other, sampled };
    return i === 0 ? { ...facet, scan: answerScan(answer, ctx.pricePerGb) } : facet;
  });
}

/**
 * Facets of the mapped Kubernetes fields and the level field unless others are asked: all
 * come from one query (facetsOf), so a few more cost nothing more.
 */
export function facetFields(
  asked: string[] | undefined,
  fieldMap: Record<string, string>,
  levelField: string | undefined,
): string[] {
  if (asked) return asked;
  const defaults = ['namespace', 'pod', 'container', 'node', 'app'].filter((n) => n in fieldMap);
  return levelField ? [...defaults, levelField] : defaults;
}

/**
 * Field names of the log groups from GetLogGroupFields (most frequent first), kept a minute:
 * the field list, completions and finding the level field all ask for them. Callers asking
 * at once share one lookup, which goes on while any of them still waits: a new Run cancels
 * the last one, and the new query must not lose its level field with the old query's lookup.
 */
export class FieldNames {
  private readonly cached = new Map<string, { at: number; names: string[] }>();
  private readonly lookups = new Coalescer<string[], never>();

  constructor(private readonly ctx: MetadataContext) {}

  /** `retry: false` for callers that can do without the names rather than wait for them. */
  get(logGroupNames: string[], toMs: number, signal: AbortSignal, retry = true): Promise<string[]> {
    const now = this.ctx.now();
    const time = toMs < now - RECENT_MS ? Math.floor(toMs / 1000) : undefined;
    const groups = logGroupNames.slice(0, FIELD_GROUPS);
    const key = JSON.stringify([groups, time]);
    const hit = this.cached.get(key);
    if (hit && now - hit.at < FIELDS_TTL_MS) return Promise.resolve(hit.names);
    return this.lookups.run(
      key,
      async (shared) => {
        const names = await this.fetch(groups, time, shared, retry);
        this.cached.set(key, { at: this.ctx.now(), names });
        return names;
      },
      signal,
    );
  }

  private async fetch(
    groups: string[],
    time: number | undefined,
    signal: AbortSignal,
    retry: boolean,
  ) {
    const percent = new Map<string, number>();
    for (const logGroupName of groups) {
      const res = await this.ctx.api.call(
        'GetLogGroupFields',
        (s) =>
          this.ctx.api.sdk.send(
            new GetLogGroupFieldsCommand({ logGroupName, ...(time ? { time } : {}) }),
            { abortSignal: s },
          ),
        signal,
        { retry },
      );
      for (const f of res.logGroupFields ?? []) {
        if (f.name) percent.set(f.name, Math.max(percent.get(f.name) ?? 0, f.percent ?? 0));
      }
    }
    return [...percent].sort((a, b) => b[1] - a[1]).map(([name]) => name);
  }

  /** The configured level field, else the first usual one the logs have, else none. */
  async levelField(
    configured: string | undefined,
    logGroupNames: string[],
    toMs: number,
    signal: AbortSignal,
  ): Promise<string | undefined> {
    if (configured) return configured;
    // Throttled or denied, the query goes on without a level field rather than wait.
    const names = new Set(await this.get(logGroupNames, toMs, signal, false).catch(() => []));
    return LEVEL_FIELDS.find((f) => names.has(f));
  }
}

/** `@logStream`, `@log` and the mapped fields are labels; the rest fields. */
export function fieldInfos(names: string[], fieldMap: Record<string, string>): FieldInfo[] {
  const labels = new Set(['@logStream', '@log', ...Object.values(fieldMap)]);
  return names
    .filter((n) => n !== '@ptr')
    .map((name) => ({ name, type: labels.has(name) ? 'label' : 'field' }));
}
