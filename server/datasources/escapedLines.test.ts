import { readFileSync } from 'node:fs';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import type { LogRecord } from '../../model';
import { asPages, sendQueryPages } from '../http/jsonStream';
import { escapedLine } from './escapedLines';
import { recordsOf } from './loki/normalize';
import { queryData, type LokiStream } from './loki/wire';

/**
 * Lines as Go's encoder writes them (`<` `>` `&` as \u escapes, which JSON.stringify does not
 * write), and a timestamp that also stands in a line, in metadata and in stream labels.
 */
const GO_BODY =
  String.raw`{"status":"success","data":{"resultType":"streams","result":[{"stream":{"app":"a\"b"},"values":[["1700000000000000004","\"\"\"\"\\\\"],["1700000000000000003","<b>fish & chips</b>"],["1700000000000000002","quote \" slash \\ tab \t line\u2028sep"],["1700000000000000001",""],["1700000000000000000","took 1700000000000000001 ns: [\"1700000000000000001\",\"x\"]",{"structuredMetadata":{"k":"1700000000000000001"}}]]},{"stream":{"app":"c","at":"1700000000000000001","zone":"z"},"values":[["1700000000000000001","ünïcode 😀"]]}],"stats":{}}}`.replace(
    '<b>fish & chips</b>',
    String.raw`\u003cb\u003efish \u0026 chips\u003c/b\u003e`,
  );

const recordsIn = (text: string): LogRecord[] =>
  recordsOf(queryData(JSON.parse(text)).result as LokiStream[], 'loki', undefined, undefined, text);

async function answerOf(records: LogRecord[]): Promise<string> {
  const app = Fastify();
  app.get('/', (_req, reply) => sendQueryPages(reply, asPages({ records, stats: STATS })));
  const res = await app.inject('/');
  await app.close();
  return res.body;
}
const STATS = { scanned: 0, returned: 0, tookMs: 0, truncated: false };

describe("a line as the backend's JSON escaped it", () => {
  it('is found for every entry, and decodes to the line', () => {
    const records = recordsIn(GO_BODY);
    expect(records).toHaveLength(6);
    for (const r of records) {
      const escaped = escapedLine(r);
      expect(escaped).toBeDefined();
      expect(JSON.parse(`"${escaped ?? ''}"`)).toBe(r.line);
    }
    expect(records[0]?.line).toBe('""""\\\\');
    expect(escapedLine(records[1] as LogRecord)).toBe(
      String.raw`\u003cb\u003efish \u0026 chips\u003c/b\u003e`,
    );
  });

  it('is copied into the answer as the backend wrote it, with the same records', async () => {
    const records = recordsIn(GO_BODY);
    const body = await answerOf(records);
    expect(body).toContain(String.raw`"line":"\u003cb\u003efish \u0026 chips\u003c/b\u003e"`);
    expect((JSON.parse(body) as { records: LogRecord[] }).records).toEqual(
      JSON.parse(JSON.stringify(records)),
    );
  });

  it('is not used for a copy of a record with another line', async () => {
    const [first] = recordsIn(GO_BODY);
    const copy = { ...(first as LogRecord), line: 'shortened' };
    expect(escapedLine(copy)).toBeUndefined();
    expect(await answerOf([copy])).toContain('"line":"shortened"');
  });

  it.each([
    ['re-indented by a proxy', (text: string) => JSON.stringify(JSON.parse(text), null, 2)],
    [
      'a real Loki fixture as stored, indented',
      () =>
        readFileSync(
          new URL(
            './loki/testdata/query_range_streams_categorize_labels_parsed.json',
            import.meta.url,
          ),
          'utf8',
        ),
    ],
  ])(
    'is left to the writer in a body %s, which still answers the same records',
    async (_, body) => {
      const text = body(GO_BODY);
      const records = recordsIn(text);
      expect(records.length).toBeGreaterThan(0);
      expect(records.every((r) => escapedLine(r) === undefined)).toBe(true);
      expect((JSON.parse(await answerOf(records)) as { records: LogRecord[] }).records).toEqual(
        JSON.parse(JSON.stringify(records)),
      );
    },
  );

  it('is found in a real Loki fixture written compactly', () => {
    const stored = readFileSync(
      new URL('./loki/testdata/query_range_streams_categorize_labels_parsed.json', import.meta.url),
      'utf8',
    );
    const records = recordsIn(JSON.stringify(JSON.parse(stored)));
    expect(records.length).toBeGreaterThan(0);
    for (const r of records) expect(JSON.parse(`"${escapedLine(r) ?? 'missing'}"`)).toBe(r.line);
  });
});
