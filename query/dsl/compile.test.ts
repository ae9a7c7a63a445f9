import { describe, expect, it } from 'vitest';
import { LogsiftError } from '../../model';
import { parseKQL } from '../kql';
import { compileSearchToDsl } from './compile';
import { luceneToDsl } from './lucene';

const nested = {
  nestedField: 'nested',
  'nestedField.child': 'text',
  'nestedField.deeper': 'nested',
  'nestedField.deeper.leaf': 'text',
  object: 'object',
  'object.a': 'text',
} as const;

function refusal(kql: string): LogsiftError {
  try {
    compileSearchToDsl(parseKQL(kql), { fields: nested });
  } catch (error) {
    if (error instanceof LogsiftError) return error;
    throw error;
  }
  throw new Error(`expected ${kql} to be refused`);
}

describe('compileSearchToDsl', () => {
  it('refuses nested fields outside their group with Kibana’s words, at the field', () => {
    const error = refusal('x:1 or nestedField.child:foo');
    expect(error.code).toBe('bad_query');
    expect(error.message).toBe(
      'nestedField.child is a nested field, but is not in a nested group in the KQL expression.',
    );
    expect(error.position).toEqual({ from: 7, to: 24 });
  });

  it('refuses plain fields inside a nested group and a nested field under the wrong path', () => {
    expect(refusal('object:{ a:1 }').message).toBe(
      'object.a is not a nested field but is in nested group "object" in the KQL expression.',
    );
    expect(refusal('nestedField:{ deeper.leaf:1 }').message).toBe(
      'Nested field nestedField.deeper.leaf is being queried with the incorrect nested path. The correct path is nestedField.deeper.',
    );
    // Fields the types do not know are sent by name, unchecked, as Kibana does.
    expect(compileSearchToDsl(parseKQL('nestedField:{ unknown:1 }'), { fields: nested })).toEqual({
      nested: {
        path: 'nestedField',
        query: {
          bool: { should: [{ match: { 'nestedField.unknown': '1' } }], minimum_should_match: 1 },
        },
        score_mode: 'none',
      },
    });
  });

  it('maps field names before looking up their types, but not wildcard names', () => {
    const options = {
      fields: { 'kubernetes.pod_name': 'keyword' },
      fieldMap: { pod: 'kubernetes.pod_name' },
    };
    expect(compileSearchToDsl(parseKQL('pod:web-1'), options)).toEqual({
      bool: {
        should: [{ term: { 'kubernetes.pod_name': { value: 'web-1' } } }],
        minimum_should_match: 1,
      },
    });
    expect(compileSearchToDsl(parseKQL('po*:x'), options)).toEqual({
      bool: { should: [{ match: { 'po*': 'x' } }], minimum_should_match: 1 },
    });
  });
});

describe('luceneToDsl', () => {
  it('sends Lucene as a query_string and the empty query as match_all', () => {
    expect(luceneToDsl('status:[400 TO 499] AND NOT path:/health')).toEqual({
      query_string: { query: 'status:[400 TO 499] AND NOT path:/health' },
    });
    expect(luceneToDsl('  ')).toEqual({ match_all: {} });
  });
});
