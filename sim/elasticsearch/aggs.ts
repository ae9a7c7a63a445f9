import { formatDate, parseDate, parseDuration, zoneOffsetMinutes } from './dates';
import {
  allShardsFailed,
  illegalArgument,
  parsingError,
  positionOf,
  textFielddata,
} from './errors';
import { isNumeric, numericValues, stringValues } from './fields';
import type { FieldDef } from './mapping';
import type { Match } from './sort';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const MAX_BUCKETS = 65_536;

export interface AggContext {
  raw: string;
  now: number;
  indices: string[];
  /** Buckets made so far in this request, against `search.max_buckets`. */
  buckets: number;
}

function fieldOf(matches: Match[], ctx: AggContext, name: string): FieldDef | undefined {
  const defs = matches
    .map((m) => m.index.mapping.get(name))
    .filter((d): d is FieldDef => d !== undefined);
  if (defs.some((d) => d.type === 'text')) throw textFielddata(ctx.indices, name);
  return defs[0];
}

function countBuckets(ctx: AggContext, n: number): void {
  ctx.buckets += n;
  if (ctx.buckets <= MAX_BUCKETS) return;
  throw allShardsFailed(400, ctx.indices, {
    type: 'too_many_buckets_exception',
    reason: `Trying to create too many buckets. Must be less than or equal to: [${MAX_BUCKETS}] but this number of buckets was exceeded. This limit can be set by changing the [search.max_buckets] cluster level setting.`,
    max_buckets: MAX_BUCKETS,
  });
}

const CALENDAR: Record<string, string> = {
  '1m': 'm',
  minute: 'm',
  '1h': 'h',
  hour: 'h',
  '1d': 'd',
  day: 'd',
  '1w': 'w',
  week: 'w',
  '1M': 'M',
  month: 'M',
  '1q': 'q',
  quarter: 'q',
  '1y': 'y',
  year: 'y',
};

function floorCalendar(local: number, unit: string): number {
  const d = new Date(local);
  const y = d.getUTCFullYear();
  switch (unit) {
    case 'y':
      return Date.UTC(y, 0, 1);
    case 'q':
      return Date.UTC(y, Math.floor(d.getUTCMonth() / 3) * 3, 1);
    case 'M':
      return Date.UTC(y, d.getUTCMonth(), 1);
    case 'w':
      return Date.UTC(y, d.getUTCMonth(), d.getUTCDate()) - ((d.getUTCDay() + 6) % 7) * 86_400_000;
    default: {
      const size = unit === 'd' ? 86_400_000 : unit === 'h' ? 3_600_000 : 60_000;
      return Math.floor(local / size) * size;
    }
  }
}

function nextCalendar(local: number, unit: string): number {
  const d = new Date(floorCalendar(local, unit));
  if (unit === 'y') return d.setUTCFullYear(d.getUTCFullYear() + 1);
  if (unit === 'q') return d.setUTCMonth(d.getUTCMonth() + 3);
  if (unit === 'M') return d.setUTCMonth(d.getUTCMonth() + 1);
  return (
    d.getTime() +
    (unit === 'w' ? 604_800_000 : unit === 'd' ? 86_400_000 : unit === 'h' ? 3_600_000 : 60_000)
  );
}

/** Rounding and stepping of a date_histogram, in its time zone, with its offset. */
function rounding(body: Json): { floor(ms: number): number; next(key: number): number } {
  const zone = typeof body.time_zone === 'string' ? body.time_zone : undefined;
  const offsetText = typeof body.offset === 'string' ? body.offset : '';
  const offset =
    (offsetText.startsWith('-') ? -1 : 1) * (parseDuration(offsetText.replace(/^[+-]/, '')) ?? 0);
  const tz = (ms: number) => zoneOffsetMinutes(zone, ms) * 60_000;
  const calendar =
    typeof body.calendar_interval === 'string' ? CALENDAR[body.calendar_interval] : undefined;
  if (typeof body.calendar_interval === 'string' && !calendar) {
    throw illegalArgument(
      `The supplied interval [${body.calendar_interval}] could not be parsed as a calendar interval.`,
    );
  }
  if (calendar) {
    return {
      floor: (ms) => floorCalendar(ms + tz(ms) - offset, calendar) - tz(ms) + offset,
      next: (key) => nextCalendar(key + tz(key) - offset, calendar) - tz(key) + offset,
    };
  }
  const text = body.fixed_interval ?? body.interval;
  if (text === undefined) {
    throw illegalArgument('Invalid interval specified, must be non-null and non-empty');
  }
  const size = parseDuration(String(text));
  if (!size)
    throw illegalArgument(
      `failed to parse setting [date_histogram.fixedInterval] with value [${String(text)}] as a time value: unit is missing or unrecognized`,
    );
  return {
    floor: (ms) => Math.floor((ms + tz(ms) - offset) / size) * size - tz(ms) + offset,
    next: (key) => key + size,
  };
}

function dateHistogram(
  body: Json,
  matches: Match[],
  ctx: AggContext,
  subs: Json | undefined,
): Json {
  const round = rounding(body);
  const field = fieldOf(matches, ctx, String(body.field));
  const byKey = new Map<number, Match[]>();
  if (field) {
    for (const m of matches) {
      for (const key of new Set(numericValues(m.doc, field).map(round.floor))) {
        let list = byKey.get(key);
        if (!list) byKey.set(key, (list = []));
        list.push(m);
      }
    }
  }
  const minDocCount = typeof body.min_doc_count === 'number' ? body.min_doc_count : 0;
  const keys = [...byKey.keys()].sort((a, b) => a - b);
  const bounds = isObject(body.extended_bounds) ? body.extended_bounds : undefined;
  const bound = (v: unknown) =>
    v === undefined ? undefined : parseDate(v, { now: ctx.now, format: body.format as string });
  const min = bound(bounds?.min);
  const max = bound(bounds?.max);
  let all = keys;
  if (minDocCount === 0 && (keys.length > 0 || (min !== undefined && max !== undefined))) {
    const first = Math.min(
      ...[keys[0], min === undefined ? undefined : round.floor(min)].filter(
        (k): k is number => k !== undefined,
      ),
    );
    const last = Math.max(
      ...[keys.at(-1), max === undefined ? undefined : round.floor(max)].filter(
        (k): k is number => k !== undefined,
      ),
    );
    all = [];
    for (let key = first; key <= last; key = round.next(key)) {
      all.push(key);
      countBuckets(ctx, 1);
    }
  }
  const zone = typeof body.time_zone === 'string' ? body.time_zone : undefined;
  const buckets = all
    .map((key) => ({ key, docs: byKey.get(key) ?? [] }))
    .filter((b) => b.docs.length >= minDocCount)
    .map(({ key, docs }) => ({
      key_as_string: formatDate(key, body.format as string | undefined, zone),
      key,
      doc_count: docs.length,
      ...runAggs(subs, docs, ctx),
    }));
  return { buckets };
}

type OrderKey = { by: string; desc: boolean };

function termsOrder(spec: unknown): OrderKey[] {
  const list = spec === undefined ? [{ _count: 'desc' }] : Array.isArray(spec) ? spec : [spec];
  const keys = list.flatMap((o) =>
    Object.entries(o as Json).map(([by, dir]) => ({ by, desc: String(dir) === 'desc' })),
  );
  return keys.some((k) => k.by === '_key') ? keys : [...keys, { by: '_key', desc: false }];
}

function terms(body: Json, matches: Match[], ctx: AggContext, subs: Json | undefined): Json {
  const field = fieldOf(matches, ctx, String(body.field));
  const groups = new Map<string | number, Match[]>();
  const numeric =
    field !== undefined && (field.type === 'date' || isNumeric(field) || field.type === 'boolean');
  for (const m of matches) {
    const values: (string | number)[] = field
      ? numeric
        ? numericValues(m.doc, field)
        : stringValues(m.doc, field)
      : [];
    if (values.length === 0 && body.missing !== undefined)
      values.push(body.missing as string | number);
    for (const value of new Set(values)) {
      let list = groups.get(value);
      if (!list) groups.set(value, (list = []));
      list.push(m);
    }
  }
  const order = termsOrder(body.order);
  const minDocCount = typeof body.min_doc_count === 'number' ? body.min_doc_count : 1;
  const size = typeof body.size === 'number' ? body.size : 10;
  const sorted = [...groups.entries()]
    .filter(([, docs]) => docs.length >= minDocCount)
    .sort(([ka, da], [kb, db]) => {
      for (const { by, desc } of order) {
        const c = by === '_count' ? da.length - db.length : ka < kb ? -1 : ka > kb ? 1 : 0;
        if (c !== 0) return desc ? -c : c;
      }
      return 0;
    });
  const shown = sorted.slice(0, size);
  countBuckets(ctx, shown.length);
  const rest = sorted.slice(size).reduce((n, [, docs]) => n + docs.length, 0);
  return {
    doc_count_error_upper_bound: 0,
    sum_other_doc_count: rest,
    buckets: shown.map(([key, docs]) => ({
      key,
      ...(field?.type === 'date'
        ? { key_as_string: formatDate(Number(key), body.format as string | undefined) }
        : {}),
      ...(field?.type === 'boolean' ? { key_as_string: key === 1 ? 'true' : 'false' } : {}),
      doc_count: docs.length,
      ...runAggs(subs, docs, ctx),
    })),
  };
}

function metric(type: string, body: Json, matches: Match[], ctx: AggContext): Json {
  const field = fieldOf(matches, ctx, String(body.field));
  if (type === 'cardinality') {
    const seen = new Set(
      field
        ? matches.flatMap((m): (string | number)[] =>
            isNumeric(field) || field.type === 'date'
              ? numericValues(m.doc, field)
              : stringValues(m.doc, field),
          )
        : [],
    );
    return { value: seen.size };
  }
  const values = field ? matches.flatMap((m) => numericValues(m.doc, field)) : [];
  if (type === 'value_count')
    return {
      value:
        field?.type === 'keyword'
          ? matches.flatMap((m) => stringValues(m.doc, field)).length
          : values.length,
    };
  const sum = values.reduce((a, b) => a + b, 0);
  const value =
    type === 'sum'
      ? sum
      : values.length === 0
        ? null
        : type === 'avg'
          ? sum / values.length
          : type === 'min'
            ? Math.min(...values)
            : Math.max(...values);
  const asString =
    field?.type === 'date' && value !== null && type !== 'sum'
      ? { value_as_string: formatDate(value, body.format as string | undefined) }
      : {};
  return { value, ...asString };
}

const METRICS = new Set(['avg', 'sum', 'min', 'max', 'value_count', 'cardinality']);

/** `aggs`/`aggregations` over the matching documents, answered as Elasticsearch shapes them. */
export function runAggs(spec: unknown, matches: Match[], ctx: AggContext): Json {
  if (!isObject(spec)) return {};
  const out: Json = {};
  for (const [name, def] of Object.entries(spec)) {
    if (!isObject(def)) continue;
    const subs = (def.aggs ?? def.aggregations) as Json | undefined;
    const types = Object.keys(def).filter(
      (k) => k !== 'aggs' && k !== 'aggregations' && k !== 'meta',
    );
    const [type = ''] = types;
    const body = isObject(def[type]) ? (def[type] as Json) : {};
    if (type === 'date_histogram') out[name] = dateHistogram(body, matches, ctx, subs);
    else if (type === 'terms') out[name] = terms(body, matches, ctx, subs);
    else if (METRICS.has(type)) out[name] = metric(type, body, matches, ctx);
    else {
      const { line, col } = positionOf(ctx.raw, type);
      throw parsingError(`Unknown aggregation type [${type}]`, ctx.raw, type, {
        type: 'named_object_not_found_exception',
        reason: `[${line}:${col}] unknown field [${type}]`,
      });
    }
  }
  return out;
}
