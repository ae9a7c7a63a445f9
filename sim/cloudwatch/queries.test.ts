import {
  GetLogRecordCommand,
  GetQueryResultsCommand,
  MalformedQueryException,
  StartQueryCommand,
  StopQueryCommand,
  DescribeQueriesCommand,
  type CloudWatchLogsClient,
} from '@aws-sdk/client-cloudwatch-logs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCloudWatchSim, type CloudWatchSim } from './index';
import { client, expectShape, fixture, rawCall, rowObject, runQuery } from './testing';

const NOW = Date.parse('2026-03-02T12:00:00Z');
const nowS = NOW / 1000;
let sim: CloudWatchSim;
let logs: CloudWatchLogsClient;

beforeAll(async () => {
  sim = await startCloudWatchSim({
    sampleScale: 0.01,
    replay: false,
    now: () => NOW,
    scheduledMs: 80,
    queryDurationMs: 150,
  });
  logs = client(sim.url);
  sim.putLogEvents('/test/seconds', 'edge', [
    { timestamp: NOW - 1, message: 'before' },
    { timestamp: NOW, message: 'first' },
    { timestamp: NOW + 999, message: 'last' },
    { timestamp: NOW + 1000, message: 'after' },
  ]);
});
afterAll(() => sim.close());

const day = { startTime: nowS - 86_400, endTime: nowS };

describe('StartQuery → GetQueryResults', () => {
  it('goes Scheduled, then Running with a growing prefix of the rows, then Complete', async () => {
    // Phases long enough to be seen by polls even on a loaded machine.
    const slow = await startCloudWatchSim({
      sampleScale: 0.01,
      replay: false,
      now: () => NOW,
      scheduledMs: 300,
      queryDurationMs: 600,
    });
    const slowLogs = client(slow.url);
    try {
      const { queryId } = await slowLogs.send(
        new StartQueryCommand({
          logGroupNames: [slow.groups.application],
          queryString: 'fields @timestamp, @message | sort @timestamp desc',
          ...day,
        }),
      );
      const seen: { status?: string; rows: string[] }[] = [];
      for (;;) {
        const out = await slowLogs.send(new GetQueryResultsCommand({ queryId }));
        const rows = (out.results ?? []).map((r) => rowObject(r)['@ptr'] ?? '');
        seen.push({ status: out.status, rows });
        if (out.status === 'Complete') break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(seen[0]).toEqual({ status: 'Scheduled', rows: [] });
      const running = seen.filter((s) => s.status === 'Running' && s.rows.length > 0);
      expect(running.length).toBeGreaterThan(0);
      const final = seen.at(-1)?.rows ?? [];
      for (const partial of running) {
        expect(partial.rows.length).toBeLessThan(final.length);
        expect(final.slice(0, partial.rows.length)).toEqual(partial.rows);
      }
    } finally {
      await slow.close();
    }
  });

  it('answers in the fixture shape: strings, @timestamp in UTC, @ptr, statistics', async () => {
    const out = await runQuery(logs, {
      logGroupNames: [sim.groups.application],
      queryString: 'fields @timestamp, @message, @logStream | filter stream = "stderr" | limit 3',
      ...day,
    });
    expectShape(out, 'get_query_results_complete_awscli.json');
    const [row] = (out.results ?? []).map(rowObject);
    expect(row?.['@timestamp']).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}$/);
    expect(row?.['@logStream']).toMatch(
      /-application\.var\.log\.containers\..+_.+_.+-[0-9a-f]{64}\.log$/,
    );
    expect(out.statistics?.recordsScanned).toBeGreaterThan(out.statistics?.recordsMatched ?? 0);
    expect(out.statistics?.bytesScanned).toBeGreaterThan(out.statistics?.recordsScanned ?? 0);
  });

  it('answers stats in the VPC flow fixture shape, and Running in the partial fixture shape', async () => {
    const { json } = await rawCall(sim.url, 'StartQuery', {
      logGroupNames: [sim.groups.application, sim.groups.dataplane],
      queryString: 'stats count(*) as n by kubernetes.namespace_name',
      ...day,
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const running = await rawCall(sim.url, 'GetQueryResults', json);
    expect(running.json.status).toBe('Running');
    expectShape(running.json, 'get_query_results_running_partial.json');
    const done = await runQuery(logs, {
      logGroupNames: [sim.groups.application, sim.groups.dataplane],
      queryString: 'stats count(*) as n by kubernetes.namespace_name | sort n desc',
      ...day,
    });
    const rows = (done.results ?? []).map(rowObject);
    expect(rows[0]).toEqual({
      'kubernetes.namespace_name': 'shop',
      n: expect.stringMatching(/^\d+$/),
    });
    expect(rows.every((r) => !('@ptr' in r))).toBe(true);
  });

  it('takes epoch seconds, both ends inclusive', async () => {
    const out = await runQuery(logs, {
      logGroupName: '/test/seconds',
      queryString: 'fields @message | sort @timestamp asc',
      startTime: nowS,
      endTime: nowS,
    });
    expect((out.results ?? []).map((r) => rowObject(r)['@message'])).toEqual(['first', 'last']);
  });

  it('gives every field of a row by its @ptr, times as ms strings', async () => {
    const out = await runQuery(logs, {
      logGroupNames: [sim.groups.application],
      queryString: 'fields @timestamp | filter kubernetes.namespace_name = "shop" | limit 1',
      ...day,
    });
    const ptr = rowObject(out.results?.[0] ?? [])['@ptr'];
    const { logRecord } = await logs.send(new GetLogRecordCommand({ logRecordPointer: ptr }));
    expectShape({ logRecord }, 'get_log_record_response_awscli.json');
    expect(logRecord?.['@timestamp']).toMatch(/^\d{13}$/);
    expect(logRecord?.['@log']).toBe(`123456789012:${sim.groups.application}`);
    expect(logRecord?.['kubernetes.namespace_name']).toBe('shop');
    expect(JSON.parse(logRecord?.['@message'] ?? '{}')).toMatchObject({
      stream: expect.any(String),
    });
  });

  it('reports a malformed query with its location', async () => {
    const error = await logs
      .send(
        new StartQueryCommand({
          logGroupName: sim.groups.application,
          queryString: 'fields @message | filter x = 1 bad',
          ...day,
        }),
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MalformedQueryException);
    expect((error as MalformedQueryException).queryCompileError).toEqual({
      location: { startCharOffset: 31, endCharOffset: 34 },
      message: 'unexpected symbol found bad at line 1 and position 32',
    });
    expect((error as MalformedQueryException).$metadata.httpStatusCode).toBe(400);
  });

  it.each([
    ['no log group', { queryString: 'fields a', ...day }, 'InvalidParameterException'],
    [
      'two ways of naming groups',
      {
        logGroupName: '/test/seconds',
        logGroupNames: ['/test/seconds'],
        queryString: 'fields a',
        ...day,
      },
      'InvalidParameterException',
    ],
    [
      'more than 50 groups',
      {
        logGroupNames: Array.from({ length: 51 }, () => '/test/seconds'),
        queryString: 'fields a',
        ...day,
      },
      'InvalidParameterException',
    ],
    [
      'an unknown group',
      { logGroupName: '/nope', queryString: 'fields a', ...day },
      'ResourceNotFoundException',
    ],
    [
      'a query over 10,000 characters',
      { logGroupName: '/test/seconds', queryString: `fields a ${'#'.repeat(10_000)}`, ...day },
      'InvalidParameterException',
    ],
    [
      'a limit over 100,000',
      { logGroupName: '/test/seconds', queryString: 'fields a', limit: 100_001, ...day },
      'InvalidParameterException',
    ],
    [
      'an end before the start',
      { logGroupName: '/test/seconds', queryString: 'fields a', startTime: 10, endTime: 9 },
      'InvalidParameterException',
    ],
  ])('refuses %s', async (_, input, code) => {
    const error = await logs.send(new StartQueryCommand(input as never)).catch((e: unknown) => e);
    expect((error as Error).name).toBe(code);
  });

  it('accepts log group ARNs as identifiers', async () => {
    const out = await runQuery(logs, {
      logGroupIdentifiers: ['arn:aws:logs:us-east-1:123456789012:log-group:/test/seconds:*'],
      queryString: 'stats count(*) as n',
      startTime: nowS - 1,
      endTime: nowS + 1,
    });
    expect(out.results?.map(rowObject)).toEqual([{ n: '4' }]);
  });
});

describe('StopQuery and the concurrency limit', () => {
  it('cancels a running query, and refuses to stop one that has ended', async () => {
    const { queryId } = await logs.send(
      new StartQueryCommand({
        logGroupName: '/test/seconds',
        queryString: 'fields @message',
        ...day,
      }),
    );
    expect(await logs.send(new StopQueryCommand({ queryId }))).toMatchObject({ success: true });
    expect((await logs.send(new GetQueryResultsCommand({ queryId }))).status).toBe('Cancelled');
    const { status, json } = await rawCall(sim.url, 'StopQuery', { queryId });
    expect(status).toBe(400);
    expectShape(json, 'error_stop_query_already_ended_400.json');
    expect(json.message).toMatch(
      /^Query is already ended with Cancelled \(Service: AWSLogs; Status Code: 400; Error Code: InvalidParameterException; Request ID: [0-9a-f-]{36}; Proxy: null\)$/,
    );
    expect(sim.requests.filter((r) => r.operation === 'StopQuery').at(-1)?.json).toEqual({
      queryId,
    });
  });

  it('refuses the 31st running query with LimitExceededException, and counts them', async () => {
    const limited = await startCloudWatchSim({
      sampleScale: 0,
      replay: false,
      scheduledMs: 0,
      queryDurationMs: 60_000,
    });
    const limitedLogs = client(limited.url);
    const start = () =>
      limitedLogs.send(
        new StartQueryCommand({
          logGroupName: limited.groups.application,
          queryString: 'fields a',
          ...day,
        }),
      );
    try {
      const started = await Promise.all(Array.from({ length: 30 }, start));
      expect(limited.runningQueries()).toBe(30);
      const error = await start().catch((e: unknown) => e);
      expect(error).toMatchObject({
        name: 'LimitExceededException',
        message: 'Account maximum query concurrency limit of [30] reached.',
      });
      await limitedLogs.send(new StopQueryCommand({ queryId: started[0]?.queryId }));
      expect(limited.runningQueries()).toBe(29);
      await expect(start()).resolves.toMatchObject({ queryId: expect.any(String) });
    } finally {
      await limited.close();
    }
  });

  it('lists queries newest first with DescribeQueries, in the fixture shape', async () => {
    const { queries } = await logs.send(
      new DescribeQueriesCommand({ logGroupName: '/test/seconds' }),
    );
    expectShape({ queries }, 'describe_queries_response_awscli.json');
    expect(queries?.[0]?.logGroupName).toBe('/test/seconds');
  });

  it('starts in the start-query fixture shape', async () => {
    const { json } = await rawCall(sim.url, 'StartQuery', {
      logGroupName: '/test/seconds',
      queryString: 'fields @message',
      ...day,
    });
    expectShape(json, 'start_query_response_awscli.json');
    expect(fixture('start_query_response_awscli.json')).toBeTruthy();
  });
});
