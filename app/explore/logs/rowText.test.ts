import { describe, expect, it } from 'vitest';
import {
  cachedRowText,
  NOWRAP_CHARS,
  PRETTIFY_MAX_CHARS,
  PRETTY_MAX_LINES,
  prettifyJson,
  rowText,
  WRAP_CHARS,
} from './rowText';

const wideJson = (keys: number): string =>
  JSON.stringify(Object.fromEntries(Array.from({ length: keys }, (_, i) => [`key${i}`, i])));

describe('rowText', () => {
  it('draws short lines whole', () => {
    expect(rowText('GET /cart 200', false, true)).toEqual({
      text: 'GET /cart 200',
      hidden: 0,
      hiddenUnit: 'chars',
      pretty: false,
    });
  });

  it('caps a 1 MB line and says how much is left out', () => {
    const line = 'x'.repeat(1_000_000);
    expect(rowText(line, false, false)).toMatchObject({ hidden: 1_000_000 - NOWRAP_CHARS });
    expect(rowText(line, false, false).text).toHaveLength(NOWRAP_CHARS);
    expect(rowText(line, true, false).text).toHaveLength(WRAP_CHARS);
  });

  it('prettifies JSON only when wrapped', () => {
    const line = '{"level":"info","msg":"order placed","n":[1,2]}';
    expect(rowText(line, false, true).text).toBe(line);
    expect(rowText(line, true, true)).toMatchObject({ pretty: true });
    expect(rowText(line, true, true).text).toBe(JSON.stringify(JSON.parse(line), null, 2));
    expect(rowText(line, true, false).text).toBe(line);
  });

  it('leaves text and broken JSON alone', () => {
    expect(prettifyJson('level=info {"a":1}')).toBeUndefined();
    expect(prettifyJson('{"a":')).toBeUndefined();
    expect(prettifyJson('  [1, 2] ')).toBe('[\n  1,\n  2\n]');
  });

  it('does not parse a line of 10,000 JSON keys past the cap, and caps the lines it draws', () => {
    const huge = wideJson(10_000);
    expect(huge.length).toBeGreaterThan(PRETTIFY_MAX_CHARS);
    const started = performance.now();
    const drawn = rowText(huge, true, true);
    expect(performance.now() - started).toBeLessThan(50);
    expect(drawn).toMatchObject({ pretty: false, hidden: huge.length - WRAP_CHARS });

    const medium = wideJson(1_000);
    const pretty = rowText(medium, true, true);
    expect(pretty.pretty).toBe(true);
    expect(pretty.text.split('\n')).toHaveLength(PRETTY_MAX_LINES);
    expect(pretty).toMatchObject({ hiddenUnit: 'lines', hidden: 1_002 - PRETTY_MAX_LINES });
  });

  it('computes a record once per variant', () => {
    const record = { line: '{"a":1}' };
    expect(cachedRowText(record, true, true)).toBe(cachedRowText(record, true, true));
    expect(cachedRowText(record, false, true).text).toBe('{"a":1}');
  });
});
