import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LogsiftError } from '../../model';
import { parseKQL } from '../kql';
import { parseLogQL } from '../logql/parse';
import { insightsFieldMap } from './fieldMap';
import { logqlToInsights } from './fromLogql';
import { searchToInsights } from './fromSearch';
import { parseInsights } from './parse';
import { insightsShape, insightsToSearch } from './shape';

/** An expected refusal or syntax error: its code, its message and the text its position marks. */
interface ExpectedError {
  code: string;
  message: string;
  marked: string;
}

interface TranslationCase {
  name: string;
  query: string;
  fieldMap?: Record<string, string>;
  limit?: number;
  insights?: string;
  error?: ExpectedError;
}

interface ParseCase {
  name: string;
  insights: string;
  commands?: unknown;
  shape?: unknown;
  search?: unknown;
  error?: ExpectedError;
}

function cases<T>(file: string): T[] {
  const url = new URL(`testdata/${file}`, import.meta.url);
  return (JSON.parse(readFileSync(url, 'utf8')) as { cases: T[] }).cases;
}

/** Positions are checked through the marked text, so the trees are compared without them. */
function withoutPositions(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (k, v: unknown) => (k === 'pos' ? undefined : v)));
}

function expectError(text: string, run: () => unknown, expected: ExpectedError): void {
  let error: unknown;
  try {
    run();
  } catch (caught) {
    error = caught;
  }
  expect(error).toBeInstanceOf(LogsiftError);
  const { code, message, position } = error as LogsiftError;
  const marked = position ? text.slice(position.from, position.to) : undefined;
  expect({ code, message, marked }).toEqual(expected);
}

function translates(c: TranslationCase, translate: () => string): void {
  if (c.error) {
    expectError(c.query, translate, c.error);
    return;
  }
  const insights = translate();
  expect(insights).toBe(c.insights);
  // What Logsift writes, its own grammar reads back.
  expect(() => parseInsights(insights)).not.toThrow();
}

describe('LogQL → Logs Insights (testdata/logql.json)', () => {
  it.each(cases<TranslationCase>('logql.json').map((c) => [c.name, c] as const))('%s', (_, c) =>
    translates(c, () =>
      logqlToInsights(parseLogQL(c.query), insightsFieldMap(c.fieldMap), c.limit),
    ),
  );
});

describe('KQL → Logs Insights (testdata/kql.json)', () => {
  it.each(cases<TranslationCase>('kql.json').map((c) => [c.name, c] as const))('%s', (_, c) =>
    translates(c, () => searchToInsights(parseKQL(c.query), insightsFieldMap(c.fieldMap), c.limit)),
  );
});

describe('Logs Insights → commands, shape and search IR (testdata/parse.json)', () => {
  it.each(cases<ParseCase>('parse.json').map((c) => [c.name, c] as const))('%s', (_, c) => {
    if (c.error) {
      expectError(c.insights, () => insightsToSearch(parseInsights(c.insights)), c.error);
      return;
    }
    const query = parseInsights(c.insights);
    expect(c.commands ?? c.shape ?? ('search' in c || undefined)).toBeDefined();
    if (c.commands) expect(withoutPositions(query.commands)).toEqual(c.commands);
    if (c.shape) expect(insightsShape(query)).toEqual(c.shape);
    if ('search' in c) expect(withoutPositions(insightsToSearch(query).filter)).toEqual(c.search);
  });
});

describe('queries shaped as the CloudWatch documentation shows them (testdata/accepted.json)', () => {
  const { queries } = JSON.parse(
    readFileSync(new URL('testdata/accepted.json', import.meta.url), 'utf8'),
  ) as { queries: string[] };
  it.each(queries)('%s', (query) => {
    expect(parseInsights(query).text).toBe(query);
  });
});
