import { describe, expect, it } from 'vitest';
import type { LogRecord } from '../../model';
import { csvCell, downloadWriter, rfc3339Nanos } from './downloadFormats';

const record = (line: string, labels: Record<string, string> = {}, fields = {}): LogRecord => ({
  id: line,
  ts: '1795521600000000270',
  line,
  labels,
  fields,
  level: 'info',
  source: 'local',
});

describe('download formats', () => {
  it('write times in RFC 3339 with every nanosecond', () => {
    expect(rfc3339Nanos('1795521600000000270')).toBe('2026-11-24T12:00:00.000000270Z');
    expect(rfc3339Nanos('1795521601123456789')).toBe('2026-11-24T12:00:01.123456789Z');
    expect(rfc3339Nanos('0')).toBe('1970-01-01T00:00:00.000000000Z');
  });

  it('quote CSV cells as RFC 4180 says, and keep formulas from running', () => {
    expect(csvCell('plain text')).toBe('plain text');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('cr\r\nlf')).toBe('"cr\r\nlf"');
    expect(csvCell('naïve — 日本語 🚀')).toBe('naïve — 日本語 🚀');
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=1')).toBe("'\t=1");
    expect(csvCell('a=1')).toBe('a=1');
  });

  it('give CSV the columns of the first records, labels then fields, and a header when empty', () => {
    const csv = downloadWriter('csv');
    const text = csv.records([
      record('first', { pod: 'p1', app: 'a' }, { status: '200', app: 'x' }),
      record('=cmd', { pod: 'p2' }),
    ]);
    expect(text).toBe(
      'time,source,level,app,pod,status,line\r\n' +
        '2026-11-24T12:00:00.000000270Z,local,info,a,p1,200,first\r\n' +
        "2026-11-24T12:00:00.000000270Z,local,info,,p2,,'=cmd\r\n",
    );
    expect(csv.records([record('later', { node: 'n' })])).toBe(
      '2026-11-24T12:00:00.000000270Z,local,info,,,,later\r\n',
    );
    expect(csv.end()).toBe('');
    expect(downloadWriter('csv').end()).toBe('time,source,level,line\r\n');
  });

  it('end an incomplete file with a line that says so, in each format', () => {
    const error = { code: 'timeout' as const, message: 'es did not answer within 30000 ms' };
    expect(downloadWriter('log').incomplete(error)).toBe(
      'logsift: the download is incomplete: timeout: es did not answer within 30000 ms\n',
    );
    expect(JSON.parse(downloadWriter('ndjson').incomplete(error))).toEqual({ error });
    const csv = downloadWriter('csv');
    csv.records([record('x')]);
    expect(csv.incomplete({ ...error, message: 'a, b' })).toBe(
      '"logsift: the download is incomplete: timeout: a, b"\r\n',
    );
  });

  it('write one record per line: time and line, or the record as JSON', () => {
    const r = record('GET /api/cart 200', { pod: 'p' });
    expect(downloadWriter('log').records([r])).toBe(
      '2026-11-24T12:00:00.000000270Z GET /api/cart 200\n',
    );
    expect(JSON.parse(downloadWriter('ndjson').records([r]))).toEqual(r);
  });
});
