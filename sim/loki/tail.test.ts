import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startLokiSim, type LokiSim } from './index';
import { shapeGaps } from '../shape';
import { fixture, shapeOf } from './testing';

let sim: LokiSim;

beforeAll(async () => {
  sim = await startLokiSim({ sampleScale: 0, replay: false });
});
afterAll(() => sim.close());

const nowNs = (offsetMs = 0) => String(BigInt(Date.now() + offsetMs) * 1_000_000n);

type Frame = {
  streams?: { stream: Record<string, string>; values: [string, string, unknown?][] }[];
  dropped_entries?: { labels: Record<string, string>; timestamp: string }[];
  encodingFlags?: string[];
};

function tailUrl(params: Record<string, string>): string {
  return `${sim.url.replace('http', 'ws')}/loki/api/v1/tail?${new URLSearchParams(params).toString()}`;
}

/** Opens a tail and collects its frames until `count` arrived. */
function open(params: Record<string, string>, headers: Record<string, string> = {}) {
  const socket = new WebSocket(tailUrl(params), { headers });
  const frames: Frame[] = [];
  const waiters: (() => void)[] = [];
  socket.on('message', (data: Buffer) => {
    frames.push(JSON.parse(data.toString('utf8')) as Frame);
    waiters.splice(0).forEach((wake) => wake());
  });
  const framesUntil = async (count: number): Promise<Frame[]> => {
    while (frames.length < count) await new Promise<void>((resolve) => waiters.push(resolve));
    return frames;
  };
  const opened = new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return { socket, frames, framesUntil, opened };
}

describe('tail over a WebSocket', () => {
  it('replays history in the first frame, then sends pushed lines', async () => {
    sim.push({ job: 'tailed' }, [
      [nowNs(-2_000), 'old one'],
      [nowNs(-1_000), 'old two'],
    ]);
    const tail = open({ query: '{job="tailed"}', start: nowNs(-60_000) });
    await tail.opened;
    const [first] = await tail.framesUntil(1);
    expect(first?.streams?.[0]?.values.map((v) => v[1])).toEqual(['old one', 'old two']);
    expect(first?.streams?.[0]?.stream).toEqual({
      detected_level: 'unknown',
      job: 'tailed',
      service_name: 'tailed',
    });
    sim.push({ job: 'tailed' }, [[nowNs(), 'fresh']]);
    sim.push({ job: 'other' }, [[nowNs(), 'not for this tail']]);
    const frames = await tail.framesUntil(2);
    expect(frames[1]).toEqual({
      streams: [
        {
          stream: { detected_level: 'unknown', job: 'tailed', service_name: 'tailed' },
          values: [[expect.any(String), 'fresh']],
        },
      ],
    });
    const gaps = shapeGaps(
      shapeOf(fixture('tail_ws_message_with_dropped_entries.json')),
      shapeOf(frames[1]),
    );
    expect(gaps).toEqual(['$.dropped_entries: missing']);
    tail.socket.close();
  });

  it('with categorize-labels writes values as query_range does, and says so', async () => {
    sim.push({ job: 'sorted' }, [[nowNs(-1_000), '{"msg":"old"}', { trace_id: 'abc' }]]);
    const tail = open(
      { query: '{job="sorted"} | json', start: nowNs(-60_000) },
      { 'X-Loki-Response-Encoding-Flags': 'categorize-labels' },
    );
    await tail.opened;
    sim.push({ job: 'sorted' }, [[nowNs(), '{"msg":"new"}']]);
    const [history, live] = await tail.framesUntil(2);
    tail.socket.close();
    expect(history).toEqual({
      streams: [
        {
          stream: { job: 'sorted', service_name: 'sorted' },
          values: [
            [
              expect.any(String),
              '{"msg":"old"}',
              {
                structuredMetadata: { detected_level: 'unknown', trace_id: 'abc' },
                parsed: { msg: 'old' },
              },
            ],
          ],
        },
      ],
      encodingFlags: ['categorize-labels'],
    });
    expect(live?.streams?.[0]?.values[0]?.[2]).toEqual({
      structuredMetadata: { detected_level: 'unknown' },
      parsed: { msg: 'new' },
    });
  });

  it('closes with 1011 "reached tail max duration limit" after tail_max_duration', async () => {
    const short = await startLokiSim({ sampleScale: 0, replay: false, tailMaxDurationMs: 300 });
    try {
      const url = `${short.url.replace('http', 'ws')}/loki/api/v1/tail?query=${encodeURIComponent('{job="quiet"}')}`;
      const socket = new WebSocket(url);
      const closed = await new Promise<[number, string]>((resolve) =>
        socket.once('close', (code: number, reason: Buffer) => resolve([code, reason.toString()])),
      );
      expect(closed).toEqual([1011, 'reached tail max duration limit']);
    } finally {
      await short.close();
    }
  });

  it('reports entries dropped for a slow reader, in the shape Loki sends', async () => {
    const tail = open({ query: '{job="flood"}' });
    await tail.opened;
    tail.socket.pause();
    const big = 'x'.repeat(64 * 1024);
    for (let i = 0; i < 16; i++) {
      sim.push(
        { job: 'flood' },
        Array.from({ length: 10 }, (_, k) => [nowNs(k), big] as [string, string]),
      );
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    tail.socket.resume();
    sim.push({ job: 'flood' }, [[nowNs(), 'after']]);
    const withDrops = async (): Promise<Frame> => {
      for (;;) {
        const found = tail.frames.find((f) => f.dropped_entries);
        if (found) return found;
        await tail.framesUntil(tail.frames.length + 1);
      }
    };
    const frame = await withDrops();
    const gaps = shapeGaps(
      shapeOf(fixture('tail_ws_message_with_dropped_entries.json')),
      shapeOf(frame),
    );
    expect(gaps.filter((g) => !g.startsWith('$.streams'))).toEqual([]);
    expect(frame.dropped_entries?.[0]?.labels).toEqual({ job: 'flood', service_name: 'flood' });
    tail.socket.close();
  });
});

describe('tail requests refused before the upgrade', () => {
  it.each([
    [{ query: '{job="x"}', delay_for: '6' }, "delay_for can't be greater than 5\n"],
    [{ query: '{job="x"' }, 'parse error at line 1, col '],
    [{ query: 'count_over_time({job="x"}[1m])' }, 'only log queries are supported by tail\n'],
  ])('%j', async (params, text) => {
    const socket = new WebSocket(tailUrl(params));
    const [status, body] = await new Promise<[number, string]>((resolve) => {
      socket.once('unexpected-response', (_req, res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve([res.statusCode ?? 0, body]));
      });
    });
    expect(status).toBe(400);
    expect(body.startsWith(text)).toBe(true);
  });
});
