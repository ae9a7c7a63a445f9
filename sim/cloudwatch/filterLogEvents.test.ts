import {
  FilterLogEventsCommand,
  paginateFilterLogEvents,
  type CloudWatchLogsClient,
} from '@aws-sdk/client-cloudwatch-logs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCloudWatchSim, type CloudWatchSim } from './index';
import { client, expectShape, rawCall } from './testing';

const NOW = Date.parse('2026-03-02T12:00:00Z');
const GROUP = '/test/filter';
const MESSAGES = [
  'ERROR Failed request to /pay',
  'WARN slow request',
  'INFO request done',
  'ERROR Exiting now',
  JSON.stringify({ level: 'error', latency: 250, user: { id: 'ann' }, ok: false }),
  JSON.stringify({ level: 'info', latency: 20, user: { id: 'bo' }, ok: true }),
];
let sim: CloudWatchSim;
let logs: CloudWatchLogsClient;

beforeAll(async () => {
  sim = await startCloudWatchSim({
    sampleScale: 0,
    replay: false,
    now: () => NOW,
    filterScanPerPage: 2,
  });
  logs = client(sim.url);
  sim.putLogEvents(
    GROUP,
    'a',
    MESSAGES.map((message, i) => ({ timestamp: NOW + i * 1000, message })),
  );
  sim.putLogEvents(GROUP, 'b', [{ timestamp: NOW + 500, message: 'ERROR from b' }]);
});
afterAll(() => sim.close());

async function all(filterPattern?: string, extra: Record<string, unknown> = {}): Promise<string[]> {
  const messages: string[] = [];
  const input = { logGroupName: GROUP, ...(filterPattern ? { filterPattern } : {}), ...extra };
  for await (const page of paginateFilterLogEvents({ client: logs }, input)) {
    messages.push(...(page.events ?? []).map((e) => e.message ?? ''));
  }
  return messages;
}

describe('FilterLogEvents', () => {
  it('returns events in time order across streams, in the fixture shape', async () => {
    const { json } = await rawCall(sim.url, 'FilterLogEvents', { logGroupName: GROUP, limit: 1 });
    expectShape(json, 'filter_log_events_response_awscli.json');
    expect(json.nextToken).toEqual(expect.any(String));
    expect(await all()).toEqual([MESSAGES[0], 'ERROR from b', ...MESSAGES.slice(1)]);
  });

  it('can answer an empty page that still carries a nextToken', async () => {
    const first = await logs.send(
      new FilterLogEventsCommand({ logGroupName: GROUP, filterPattern: '"Exiting"' }),
    );
    expect(first.events).toEqual([]);
    expect(first.nextToken).toBeDefined();
    expect(await all('"Exiting"')).toEqual(['ERROR Exiting now']);
  });

  it.each([
    ['ERROR', ['ERROR Failed request to /pay', 'ERROR from b', 'ERROR Exiting now']],
    ['ERROR request', ['ERROR Failed request to /pay']],
    ['"Failed request"', ['ERROR Failed request to /pay']],
    ['?WARN ?INFO', ['WARN slow request', 'INFO request done']],
    ['ERROR -Exiting -b', ['ERROR Failed request to /pay']],
    ['%ERR[O]R from%', ['ERROR from b']],
    ['{ $.level = "error" }', [MESSAGES[4]]],
    ['{ $.latency > 100 || $.user.id = "b*" }', [MESSAGES[4], MESSAGES[5]]],
    ['{ ($.level = "info") && $.ok IS TRUE }', [MESSAGES[5]]],
    ['{ $.missing NOT EXISTS && $.latency < 100 }', [MESSAGES[5]]],
  ])('matches the filter pattern %s', async (pattern, expected) => {
    expect(await all(pattern)).toEqual(expected);
  });

  it('takes times in milliseconds, both ends inclusive, and stream filters', async () => {
    expect(await all(undefined, { startTime: NOW + 1000, endTime: NOW + 2000 })).toEqual(
      MESSAGES.slice(1, 3),
    );
    expect(await all(undefined, { logStreamNames: ['b'] })).toEqual(['ERROR from b']);
    expect(await all('ERROR', { logStreamNamePrefix: 'a' })).toHaveLength(2);
  });

  it('refuses a bad pattern and exclusive options', async () => {
    const bad = await logs
      .send(new FilterLogEventsCommand({ logGroupName: GROUP, filterPattern: '{ $.a = }' }))
      .catch((e: unknown) => e);
    expect(bad).toMatchObject({ name: 'InvalidParameterException' });
    const badRegex = await logs
      .send(new FilterLogEventsCommand({ logGroupName: GROUP, filterPattern: '%(%' }))
      .catch((e: unknown) => e);
    expect(badRegex).toMatchObject({ name: 'InvalidParameterException' });
    const both = await logs
      .send(
        new FilterLogEventsCommand({
          logGroupName: GROUP,
          logStreamNames: ['a'],
          logStreamNamePrefix: 'a',
        }),
      )
      .catch((e: unknown) => e);
    expect(both).toMatchObject({ name: 'InvalidParameterException' });
  });
});
