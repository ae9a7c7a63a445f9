import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SetInterner } from '../setInterner';
import { answerScan } from './budget';
import { cloudWatchError } from './errors';
import { recordOfValues, recordsOfRows, tableOfRows, type InsightsRow } from './records';
import { recordOfEvent } from './tailEvents';
import { DEFAULT_INSIGHTS_FIELD_MAP } from '../../../query';

const fixture = <T>(name: string): T =>
  JSON.parse(readFileSync(new URL(`testdata/${name}.json`, import.meta.url), 'utf8')) as T;

interface Results {
  results: InsightsRow[];
  statistics: { recordsMatched: number; recordsScanned: number; bytesScanned: number };
  status: string;
}

const shape = { source: 'cw', levelField: undefined, fieldMap: { ...DEFAULT_INSIGHTS_FIELD_MAP } };
const ALL = { fromMs: 0, toMs: Date.UTC(2030, 0) };

describe('CloudWatch answers normalized', () => {
  it('takes @ptr as the id, @timestamp (UTC) as nanoseconds, @message as the line, @logStream as a label', () => {
    const answer = fixture<Results>('get_query_results_complete_awscli');
    const records = recordsOfRows(answer.results, shape, ALL);
    expect(records).toHaveLength(3);
    expect(records[0]).toEqual({
      id: 'ClQKGAoUODc3MzYyMTE0MTkzOnRlc3ROSFQQARI0GhgCBmJoHCAAAAAAg5VGeQAGZJl2MAAAAQIgASjnpOT7+DEw3+Tk+/gxOAJAXkiwBlDfAhgAIAEQARgB',
      ts: String(BigInt(Date.UTC(2024, 4, 19, 6, 10, 35, 743)) * 1_000_000n),
      line: 'Test BENCHMARK 3',
      labels: { '@logStream': 'TestStream' },
      fields: {},
      level: 'unknown',
      source: 'cw',
    });
    expect(records.map((r) => r.line)).toEqual([
      'Test BENCHMARK 3',
      'Test BENCHMARK 2',
      'Test BENCHMARK 1',
    ]);
  });

  it('keeps discovered fields as fields and drops rows outside the asked range', () => {
    const answer = fixture<Results>('get_query_results_complete_vpcflow_stats');
    const [record] = recordsOfRows(answer.results, shape, ALL);
    expect(record?.fields).toMatchObject({
      srcAddr: '172.31.88.63',
      dstPort: '443',
      bytes: '3646',
    });
    expect(record?.fields).not.toHaveProperty('@ptr');
    const after = Date.UTC(2019, 9, 30, 11, 1, 4);
    expect(recordsOfRows(answer.results, shape, { fromMs: after, toMs: ALL.toMs })).toEqual([]);
  });

  it('prices the scan of the statistics: 71 MB at $0.005/GB', () => {
    const answer = fixture<Results>('get_query_results_complete_vpcflow_stats');
    const scan = answerScan(answer, 0.005);
    expect(scan.recordsScanned).toBe(492_595);
    expect(scan.bytesScanned).toBe(71_185_346);
    expect(scan.costUsd).toBeCloseTo((71_185_346 / 2 ** 30) * 0.005, 12);
    expect(answerScan({ ...answer, cached: true }, 0.005)).toEqual({
      recordsScanned: 0,
      bytesScanned: 0,
      costUsd: 0,
      cached: true,
    });
  });

  it('normalizes the partial rows of a Running answer like complete ones', () => {
    const running = fixture<Results>('get_query_results_running_partial');
    expect(running.status).toBe('Running');
    expect(recordsOfRows(running.results, shape, ALL)).toHaveLength(1);
  });

  it('shows a stats answer as a table: columns in order, each row a record of fields', () => {
    const rows: InsightsRow[] = [
      [
        { field: 'bin(5m)', value: '2024-05-19 06:10:00.000' },
        { field: 'count(*)', value: '12' },
      ],
      [
        { field: 'bin(5m)', value: '2024-05-19 06:05:00.000' },
        { field: 'count(*)', value: '3' },
      ],
    ];
    const table = tableOfRows(rows, 'cw', ALL.toMs);
    expect(table.columns).toEqual(['bin(5m)', 'count(*)']);
    expect(table.records[0]).toMatchObject({
      ts: String(BigInt(Date.UTC(2024, 4, 19, 6, 10)) * 1_000_000n),
      line: 'bin(5m)="2024-05-19 06:10:00.000" count(*)=12',
      fields: { 'count(*)': '12' },
    });
  });

  it('reads GetLogRecord (epoch-millisecond strings) into a record with @log as a label', () => {
    const { logRecord } = fixture<{ logRecord: Record<string, string> }>(
      'get_log_record_response_awscli',
    );
    const record = recordOfValues(logRecord, shape, new SetInterner(), 'ptr-1');
    expect(record).toMatchObject({
      id: 'ptr-1',
      ts: '1716099016682000000',
      line: 'Hello World',
      labels: { '@log': '123456789012:demo-log-group', '@logStream': 'DemoStream' },
      fields: { '@ingestionTime': '1716099017288' },
    });
  });

  it('reads FilterLogEvents events (milliseconds) and maps Fluent Bit JSON to Kubernetes labels', () => {
    const { events } = fixture<{
      events: { logStreamName: string; timestamp: number; message: string; eventId: string }[];
    }>('filter_log_events_response_awscli');
    const interner = new SetInterner();
    const first = recordOfEvent({ ...events[0], logGroupName: 'g' }, shape, interner);
    expect(first).toMatchObject({
      id: events[0]?.eventId,
      ts: '1712567843827000000',
      labels: { '@log': 'g', '@logStream': 'teststream' },
    });
    const json = JSON.stringify({
      log: 'level=error msg=boom',
      kubernetes: { namespace_name: 'shop', pod_name: 'cart-1', container_name: 'cart' },
    });
    const fluent = recordOfEvent(
      { logGroupName: 'g', logStreamName: 's', timestamp: 1, message: json },
      shape,
      interner,
    );
    expect(fluent?.labels).toEqual({
      '@log': 'g',
      '@logStream': 's',
      namespace: 'shop',
      pod: 'cart-1',
      container: 'cart',
    });
    expect(fluent?.fields).toEqual({ log: 'level=error msg=boom' });
    expect(fluent?.level).toBe('error');
  });

  it('maps the error bodies: StopQuery on an ended query, a malformed query', () => {
    const ended = fixture<{ __type: string; message: string }>(
      'error_stop_query_already_ended_400',
    );
    const e = cloudWatchError(
      { name: ended.__type, message: ended.message, $metadata: { httpStatusCode: 400 } },
      'StopQuery',
    );
    expect(e.code).toBe('bad_query');
    expect(e.backend?.excerpt).toContain('Query is already ended with Complete');
    const malformed = fixture<{ __type: string; message: string }>(
      'error_malformed_query_400_stub',
    );
    const m = cloudWatchError(
      { name: malformed.__type, message: malformed.message, $metadata: { httpStatusCode: 400 } },
      'StartQuery',
      { text: 'fields x\n| limit 5', offset: 0, length: 18 },
    );
    expect(m.code).toBe('bad_query');
    expect(m.position).toEqual({ from: 7, to: 8 });
  });
});
