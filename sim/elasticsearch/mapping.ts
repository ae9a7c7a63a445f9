export type FieldType = 'text' | 'keyword' | 'date' | 'long' | 'float' | 'boolean' | 'object';

/** One mapped field; a multi-field such as `x.keyword` reads the source at its parent's path. */
export interface FieldDef {
  type: FieldType;
  sourcePath: string;
}

export type Mapping = Map<string, FieldDef>;

/** A mapping written as `{path: type}`, parents of dotted paths added as objects. */
export function explicitMapping(fields: Record<string, FieldType>): Mapping {
  const mapping: Mapping = new Map();
  for (const [path, type] of Object.entries(fields)) {
    const parts = path.split('.');
    for (let i = 1; i < parts.length; i++) {
      const parent = parts.slice(0, i).join('.');
      if (!mapping.has(parent)) mapping.set(parent, { type: 'object', sourcePath: parent });
    }
    mapping.set(path, { type, sourcePath: path });
  }
  return mapping;
}

/** ES's `date_detection` with its default `strict_date_optional_time` formats. */
const DATE_LIKE =
  /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** What dynamic mapping adds for a value nobody mapped: strings are text with a `.keyword`. */
export function mapDynamically(mapping: Mapping, source: unknown, prefix = ''): void {
  if (source === null || source === undefined) return;
  if (Array.isArray(source)) {
    for (const item of source) mapDynamically(mapping, item, prefix);
    return;
  }
  if (typeof source === 'object') {
    if (prefix && !mapping.has(prefix)) mapping.set(prefix, { type: 'object', sourcePath: prefix });
    for (const [key, value] of Object.entries(source)) {
      mapDynamically(mapping, value, prefix ? `${prefix}.${key}` : key);
    }
    return;
  }
  if (mapping.has(prefix)) return;
  if (typeof source === 'boolean') mapping.set(prefix, { type: 'boolean', sourcePath: prefix });
  else if (typeof source === 'number') {
    mapping.set(prefix, { type: Number.isInteger(source) ? 'long' : 'float', sourcePath: prefix });
  } else if (DATE_LIKE.test(String(source)) && !Number.isNaN(Date.parse(String(source)))) {
    mapping.set(prefix, { type: 'date', sourcePath: prefix });
  } else {
    mapping.set(prefix, { type: 'text', sourcePath: prefix });
    mapping.set(`${prefix}.keyword`, { type: 'keyword', sourcePath: prefix });
  }
}

const accessors = new Map<string, (source: unknown) => unknown[]>();

/**
 * The leaf values at a dotted path, whether the source nests objects or uses dotted keys.
 * Nested objects, the common case, take a direct walk; other shapes the general search.
 */
export function valuesAt(source: unknown, path: string): unknown[] {
  let read = accessors.get(path);
  if (!read) accessors.set(path, (read = accessor(path)));
  return read(source);
}

function accessor(path: string): (source: unknown) => unknown[] {
  const parts = path.split('.');
  return (source) => {
    let node = source;
    for (const part of parts) {
      if (typeof node !== 'object' || node === null || Array.isArray(node)) {
        const out: unknown[] = [];
        collect(source, parts, 0, out);
        return out;
      }
      const next = (node as Record<string, unknown>)[part];
      if (next === undefined) {
        const out: unknown[] = [];
        collect(source, parts, 0, out);
        return out;
      }
      node = next;
    }
    if (node === null) return [];
    return Array.isArray(node) ? node.flat(Infinity) : [node];
  };
}

function collect(node: unknown, parts: string[], from: number, out: unknown[]): void {
  if (node === null || node === undefined) return;
  if (Array.isArray(node)) {
    for (const item of node) collect(item, parts, from, out);
    return;
  }
  if (from === parts.length) {
    out.push(node);
    return;
  }
  if (typeof node !== 'object') return;
  const record = node as Record<string, unknown>;
  let key = '';
  for (let i = from; i < parts.length; i++) {
    key = key ? `${key}.${parts[i]}` : (parts[i] ?? '');
    if (key in record) collect(record[key], parts, i + 1, out);
  }
}

/** Field names matching a pattern with `*` wildcards, as `fields`, `highlight` and caps take. */
export function globToRegExp(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+^${}()|[\]\\?]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`);
}
