import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseKQL } from '../kql';
import { compileSearchToDsl } from './compile';
import type { EsFieldType, SearchDslOptions } from './types';

interface ConformanceCase {
  name: string;
  source: string;
  kql: string;
  fields?: Record<string, EsFieldType>;
  options?: Omit<SearchDslOptions, 'fields'>;
  dsl: unknown;
}

const { cases } = JSON.parse(
  readFileSync(new URL('testdata/kql-conformance.json', import.meta.url), 'utf8'),
) as { cases: ConformanceCase[] };

describe('KQL → DSL conformance with Kibana', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const options = { ...c.options, ...(c.fields ? { fields: c.fields } : {}) };
    expect(compileSearchToDsl(parseKQL(c.kql), options)).toEqual(c.dsl);
  });
});
