import { parseDate } from './dates';
import { globToRegExp, valuesAt, type FieldDef, type Mapping } from './mapping';
import type { Doc } from './store';

export interface NamedField extends FieldDef {
  name: string;
}

/** The values a field holds in a document, nulls dropped. */
export function fieldValues(doc: Doc, field: FieldDef): unknown[] {
  if (field.type === 'date' && field.sourcePath === '@timestamp' && doc.ts !== undefined) {
    return [doc.ts];
  }
  return valuesAt(doc.source, field.sourcePath).filter((v) => v !== null && v !== undefined);
}

/** Dates as epoch ms, numbers as numbers: what sorting, ranges and aggregations compare. */
export function numericValues(doc: Doc, field: FieldDef): number[] {
  const out: number[] = [];
  for (const value of fieldValues(doc, field)) {
    const n =
      typeof value === 'number'
        ? value
        : field.type === 'date'
          ? parseDate(value, { now: 0 })
          : Number(value);
    if (n !== undefined && !Number.isNaN(n)) out.push(n);
  }
  return out;
}

/** Whether any scalar value of the field passes `test`, without building arrays per document. */
export function anyString(doc: Doc, field: FieldDef, test: (value: string) => boolean): boolean {
  const values = valuesAt(doc.source, field.sourcePath);
  for (const value of values) {
    if (value !== null && value !== undefined && typeof value !== 'object' && test(String(value))) {
      return true;
    }
  }
  return false;
}

export function stringValues(doc: Doc, field: FieldDef): string[] {
  return fieldValues(doc, field)
    .filter((v) => typeof v !== 'object')
    .map(String);
}

/**
 * Fields a `fields`/multi_match list names: `name^boost` loses its boost, `*` patterns expand
 * over leaf fields. Unmapped concrete names stay, so they match nothing, as in Elasticsearch.
 */
export function expandFields(mapping: Mapping, patterns: readonly string[]): NamedField[] {
  const out = new Map<string, NamedField>();
  for (const raw of patterns) {
    const pattern = raw.replace(/\^[\d.]+$/, '');
    if (pattern.includes('*')) {
      const re = globToRegExp(pattern);
      for (const [name, def] of mapping) {
        if (def.type !== 'object' && re.test(name)) out.set(name, { name, ...def });
      }
    } else {
      const def = mapping.get(pattern);
      if (def && def.type !== 'object') out.set(pattern, { name: pattern, ...def });
    }
  }
  return [...out.values()];
}

export function isNumeric(field: FieldDef): boolean {
  return field.type === 'long' || field.type === 'float';
}
