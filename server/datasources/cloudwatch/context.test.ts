import { GetLogEventsCommand, GetLogRecordCommand } from '@aws-sdk/client-cloudwatch-logs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CloudWatchSim } from '../../../sim/cloudwatch';
import { client } from '../../../sim/cloudwatch/testing';
import type { Datasource, DatasourceQuery } from '../datasource';
import { groupNameOf } from './context';
import { NOW, simDatasource, startSim } from './simTesting';

const HOUR = 3_600_000;
let sim: CloudWatchSim;
let ds: Datasource;

beforeAll(async () => {
  sim = await startSim({ sampleScale: 0.05 });
  ds = simDatasource(sim, { poll: { initialMs: 10, maxMs: 40 } }, () => NOW);
});
afterAll(async () => {
  await ds.close();
  await sim.close();
});

const signal = () => AbortSignal.timeout(15_000);
const base: DatasourceQuery = {
  language: 'insights',
  query: '',
  fromMs: NOW - 6 * HOUR,
  toMs: NOW,
  limit: 300,
  direction: 'backward',
};

/** Every event of one stream, oldest first, read straight from the simulator. */
async function streamEvents(group: string, stream: string) {
  const res = await client(sim.url).send(
    new GetLogEventsCommand({ logGroupName: group, logStreamName: stream, startFromHead: true }),
  );
  return (res.events ?? []).map((e) => ({ ms: e.timestamp ?? 0, message: e.message ?? '' }));
}

describe('CloudWatch context against the simulator', () => {
  it('reads the event’s log stream around it, oldest first, itself left out', async () => {
    const { records } = await ds.query(base, signal());
    const record = records[150];
    if (!record) throw new Error('no sample event');
    const log = record.labels['@log'] ?? '';
    const stream = record.labels['@logStream'] ?? '';
    expect(groupNameOf(log)).toBe(sim.groups.application);
    const own = await client(sim.url).send(
      new GetLogRecordCommand({ logRecordPointer: record.id }),
    );
    const ms = Number(BigInt(record.ts) / 1_000_000n);
    const all = await streamEvents(groupNameOf(log), stream);
    const at = all.findIndex((e) => e.ms === ms && e.message === own.logRecord?.['@message']);
    expect(at).toBeGreaterThanOrEqual(5);
    const res = await ds.context?.({ record, before: 5, after: 4 }, signal());
    const before = res?.before ?? [];
    const after = res?.after ?? [];
    expect(before).toHaveLength(5);
    expect(after).toHaveLength(4);
    for (const r of [...before, ...after]) {
      expect(r.labels['@logStream']).toBe(stream);
      expect(r.labels['@log']).toBe(log);
    }
    const times = [...before, record, ...after].map((r) => BigInt(r.ts));
    expect(times).toEqual([...times].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    const msOf = (r: { ts: string }) => Number(BigInt(r.ts) / 1_000_000n);
    expect(before.map(msOf)).toEqual(all.slice(at - 5, at).map((e) => e.ms));
    expect(after.map(msOf)).toEqual(all.slice(at + 1, at + 5).map((e) => e.ms));
  });

  it('places events of its millisecond by the stream’s order, without the event itself', async () => {
    const group = sim.groups.application;
    sim.putLogEvents(group, 'ctx-ties', [
      ...[...Array(6).keys()].map((i) => ({ timestamp: NOW - HOUR - 10 + i, message: `old ${i}` })),
      { timestamp: NOW - HOUR, message: 'tie a' },
      { timestamp: NOW - HOUR, message: 'the event' },
      { timestamp: NOW - HOUR, message: 'tie b' },
      ...[...Array(6).keys()].map((i) => ({ timestamp: NOW - HOUR + 1 + i, message: `new ${i}` })),
    ]);
    const { records } = await ds.query(
      { ...base, query: 'filter @message like /the event/', limit: 5 },
      signal(),
    );
    const record = records.find((r) => r.labels['@logStream'] === 'ctx-ties');
    if (!record) throw new Error('the put event is not found');
    sim.requests.length = 0;
    const res = await ds.context?.({ record, before: 4, after: 5 }, signal());
    expect(res?.before.map((r) => r.line)).toEqual(['old 3', 'old 4', 'old 5', 'tie a']);
    expect(res?.after.map((r) => r.line)).toEqual(['tie b', 'new 0', 'new 1', 'new 2', 'new 3']);
    const ops = sim.requests.map((r) => r.operation).sort();
    expect(ops).toEqual(['GetLogEvents', 'GetLogEvents', 'GetLogEvents', 'GetLogRecord']);
  });
});
