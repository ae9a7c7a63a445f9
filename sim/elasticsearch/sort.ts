import { parseDate, formatDate } from './dates';
import { esError, shardQueryError, textFielddata } from './errors';
import { isNumeric, numericValues, stringValues } from './fields';
import type { FieldType } from './mapping';
import type { Doc, Index } from './store';

/** A matching document with where it lives: the shard (index) ordinal and Lucene doc id. */
export interface Match {
  doc: Doc;
  index: Index;
  shard: number;
  docNo: number;
}

export type SortValue = number | string | null;

export interface SortKey {
  field: string;
  desc: boolean;
  kind: 'doc' | 'shard_doc' | 'score' | 'number' | 'string';
  unmappedType: string | undefined;
  format: string | undefined;
}

/** Long.MAX_VALUE and MIN_VALUE, what a missing numeric sorts as (JSON rounds them alike). */
const LONG_MAX = 2 ** 63;
const LONG_MIN = -(2 ** 63);

function keyKind(
  field: string,
  types: (FieldType | undefined)[],
  unmappedType: string | undefined,
  indices: string[],
): SortKey['kind'] {
  if (field === '_doc') return 'doc';
  if (field === '_shard_doc') return 'shard_doc';
  if (field === '_score') return 'score';
  if (field === '_id') {
    throw esError(400, {
      type: 'illegal_argument_exception',
      reason:
        'Fielddata access on the _id field is disallowed, you can re-enable it by updating the dynamic cluster setting: indices.id_field_data.enabled',
    });
  }
  const mapped = types.filter((t): t is FieldType => t !== undefined);
  if (mapped.includes('text')) throw textFielddata(indices, field);
  if (mapped.length === 0 && unmappedType === undefined && indices.length > 0) {
    throw shardQueryError(indices, `No mapping found for [${field}] in order to sort on`);
  }
  const type = mapped[0] ?? unmappedType;
  return type === 'keyword' || type === 'text' ? 'string' : 'number';
}

/** `sort` in any of its spellings: "f", {"f": "desc"}, {"f": {"order", "unmapped_type", "format"}}. */
export function parseSort(spec: unknown, indices: readonly Index[], withPit: boolean): SortKey[] {
  if (spec === undefined) return [];
  const names = indices.map((i) => i.name);
  const keys = (Array.isArray(spec) ? spec : [spec]).flatMap((entry): SortKey[] => {
    const pairs: [string, unknown][] =
      typeof entry === 'string' ? [[entry, {}]] : Object.entries(entry as object);
    return pairs.map(([field, options]) => {
      const o = (typeof options === 'string' ? { order: options } : (options ?? {})) as Record<
        string,
        unknown
      >;
      const unmappedType = typeof o.unmapped_type === 'string' ? o.unmapped_type : undefined;
      const kind = keyKind(
        field,
        indices.map((i) => i.mapping.get(field)?.type),
        unmappedType,
        names,
      );
      const defaultDesc = field === '_score';
      return {
        field,
        desc: o.order === undefined ? defaultDesc : String(o.order).toLowerCase() === 'desc',
        kind,
        unmappedType,
        format: typeof o.format === 'string' ? o.format : undefined,
      };
    });
  });
  if (keys.some((k) => k.kind === 'shard_doc') && !withPit) {
    throw esError(400, {
      type: 'action_request_validation_exception',
      reason:
        'Validation Failed: 1: [_shard_doc] sort field cannot be used without [point in time];',
    });
  }
  return keys;
}

export function sortValue(key: SortKey, match: Match): SortValue {
  switch (key.kind) {
    case 'doc':
      return match.docNo;
    case 'shard_doc':
      return match.shard * 2 ** 32 + match.docNo;
    case 'score':
      return 1;
    case 'string': {
      const def = match.index.mapping.get(key.field);
      const values = def ? stringValues(match.doc, { ...def }).sort() : [];
      return (key.desc ? values.at(-1) : values[0]) ?? null;
    }
    case 'number': {
      const def = match.index.mapping.get(key.field);
      const values =
        def && (def.type === 'date' || isNumeric(def) || def.type === 'boolean')
          ? numericValues(match.doc, def)
          : [];
      if (values.length === 0) return key.desc ? LONG_MIN : LONG_MAX;
      const n = key.desc ? Math.max(...values) : Math.min(...values);
      return key.format && def?.type === 'date' ? formatDate(n, key.format) : n;
    }
  }
}

function compareValues(a: SortValue, b: SortValue): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : 1;
}

export function compareSorted(keys: SortKey[], a: SortValue[], b: SortValue[]): number {
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as SortKey;
    const va = a[i] ?? null;
    const vb = b[i] ?? null;
    // Missing values sort last in either direction, as `missing: _last` does.
    const c =
      va === null || vb === null
        ? compareValues(va, vb)
        : compareValues(va, vb) * (key.desc ? -1 : 1);
    if (c !== 0) return c;
  }
  return 0;
}

/** search_after values are read by the type of their sort field, as Elasticsearch does. */
export function readSearchAfter(keys: SortKey[], values: unknown, indices: string[]): SortValue[] {
  if (!Array.isArray(values))
    throw esError(400, {
      type: 'parsing_exception',
      reason: '[search_after] must be an array',
      line: 1,
      col: 1,
    });
  if (values.length !== keys.length) {
    throw shardQueryError(
      indices,
      `search_after has ${values.length} value(s) but sort has ${keys.length}.`,
    );
  }
  return values.map((value, i) => {
    const key = keys[i] as SortKey;
    if (value === null) return null;
    if (key.kind === 'string') return String(value);
    if (typeof value === 'number') return value;
    const n = Number(value);
    if (!Number.isNaN(n)) return n;
    return (key.format ? String(value) : parseDate(value, { now: 0 })) ?? null;
  });
}
