import { describe, expect, it } from 'vitest';
import type { LogRecord } from '../../model';
import { FIRST_SCREEN, firstRecordsScanner } from './firstRecords';

const record = (i: number, line: string): LogRecord => ({
  id: `r${i}`,
  ts: String(1_795_000_000_000_000_000n - BigInt(i)),
  line,
  labels: { job: 'shop/checkout' },
  fields: { note: '{"nested":[1,2]}' },
  level: 'info',
  source: 'local',
});

/** Feeds the scanner the answer in pieces of `size` characters, as a stream would. */
function feed(text: string, size: number): { records?: LogRecord[]; at: number } {
  const scan = firstRecordsScanner();
  for (let end = size; ; end += size) {
    const found = scan(text.slice(0, Math.min(end, text.length)));
    if (found) return { records: found, at: Math.min(end, text.length) };
    if (end >= text.length) return { at: text.length };
  }
}

describe('first records of a streamed answer', () => {
  const hostile = ['plain', 'a } brace', 'a "quoted" ] bracket', 'back\\slash\\', '{"json":[{}]}'];
  const records = Array.from({ length: 1000 }, (_, i) =>
    record(i, hostile[i % hostile.length] ?? ''),
  );
  const answer = JSON.stringify({ records, cursor: 'c', stats: { scanned: 1, returned: 1000 } });

  it('gives the first screen once enough has arrived, strings with braces and quotes kept', () => {
    for (const size of [1, 7, 4096]) {
      const { records: first, at } = feed(answer, size);
      expect(first).toEqual(records.slice(0, FIRST_SCREEN));
      expect(at).toBeLessThan(answer.length / 2);
    }
    expect(feed(answer, answer.length).records).toEqual(records.slice(0, FIRST_SCREEN));
  });

  it('gives every record of an answer smaller than a screen, and nothing for others', () => {
    const small = JSON.stringify({ records: records.slice(0, 3), stats: {} });
    expect(feed(small, 5).records).toEqual(records.slice(0, 3));
    expect(feed(JSON.stringify({ records: [], stats: {} }), 5).records).toBeUndefined();
    expect(
      feed(JSON.stringify({ error: { code: 'bad_query', message: 'x' } }), 5).records,
    ).toBeUndefined();
  });
});
