import { GetLogEventsCommand, type CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCloudWatchSim, type CloudWatchSim } from './index';
import { client, expectShape, rawCall } from './testing';

const NOW = Date.parse('2026-03-02T12:00:00Z');
const GROUP = '/test/events';
let sim: CloudWatchSim;
let logs: CloudWatchLogsClient;

beforeAll(async () => {
  sim = await startCloudWatchSim({ sampleScale: 0, replay: false, now: () => NOW });
  logs = client(sim.url);
  sim.putLogEvents(
    GROUP,
    'a',
    [...Array(10).keys()].map((i) => ({ timestamp: NOW + i * 1000, message: `a ${i}` })),
  );
  sim.putLogEvents(GROUP, 'b', [{ timestamp: NOW + 2500, message: 'b 0' }]);
});
afterAll(() => sim.close());

const messages = (events: { message?: string }[] | undefined) =>
  (events ?? []).map((e) => e.message);

describe('GetLogEvents', () => {
  it('answers in the CLI example’s shape, the newest events of one stream by default', async () => {
    const { json } = await rawCall(sim.url, 'GetLogEvents', {
      logGroupName: GROUP,
      logStreamName: 'a',
      limit: 3,
    });
    expectShape(json, 'get_log_events_response_awscli.json');
    expect(messages(json.events as { message: string }[])).toEqual(['a 7', 'a 8', 'a 9']);
  });

  it('keeps startTime inclusive and endTime exclusive, reads from the head when asked', async () => {
    const res = await logs.send(
      new GetLogEventsCommand({
        logGroupName: GROUP,
        logStreamName: 'a',
        startTime: NOW + 2000,
        endTime: NOW + 5000,
        startFromHead: true,
      }),
    );
    expect(messages(res.events)).toEqual(['a 2', 'a 3', 'a 4']);
  });

  it('pages both ways with its tokens and gives back the same token at the end', async () => {
    const first = await logs.send(
      new GetLogEventsCommand({
        logGroupName: GROUP,
        logStreamName: 'a',
        endTime: NOW + 6000,
        limit: 2,
      }),
    );
    expect(messages(first.events)).toEqual(['a 4', 'a 5']);
    const older = await logs.send(
      new GetLogEventsCommand({
        logGroupName: GROUP,
        logStreamName: 'a',
        endTime: NOW + 6000,
        limit: 3,
        nextToken: first.nextBackwardToken,
      }),
    );
    expect(messages(older.events)).toEqual(['a 1', 'a 2', 'a 3']);
    const oldest = await logs.send(
      new GetLogEventsCommand({
        logGroupName: GROUP,
        logStreamName: 'a',
        limit: 3,
        nextToken: older.nextBackwardToken,
      }),
    );
    expect(messages(oldest.events)).toEqual(['a 0']);
    const end = await logs.send(
      new GetLogEventsCommand({
        logGroupName: GROUP,
        logStreamName: 'a',
        limit: 3,
        nextToken: oldest.nextBackwardToken,
      }),
    );
    expect(end.events).toEqual([]);
    expect(end.nextBackwardToken).toBe(oldest.nextBackwardToken);
    const newer = await logs.send(
      new GetLogEventsCommand({
        logGroupName: GROUP,
        logStreamName: 'a',
        limit: 2,
        nextToken: first.nextForwardToken,
      }),
    );
    expect(messages(newer.events)).toEqual(['a 6', 'a 7']);
  });

  it('says so when the stream does not exist', async () => {
    const { status, json } = await rawCall(sim.url, 'GetLogEvents', {
      logGroupName: GROUP,
      logStreamName: 'nope',
    });
    expect(status).toBe(400);
    expect(json).toMatchObject({
      __type: 'ResourceNotFoundException',
      message: 'The specified log stream does not exist.',
    });
  });
});
