import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import {
  compareRuns,
  memoryMb,
  startProcess as start,
  startServer,
  viaLogsift as askLogsift,
  waitFor,
} from './processes';
import type { SetsShape } from '../model';

/**
 * Logsift's Loki datasource against the Loki simulator, each in its own process so the
 * BFF's memory is its own: answer time as a ratio to the direct query_range calls it
 * makes, the BFF's peak resident memory, and tail lines per second through the BFF.
 */
const SIM_PORT = 18_100;
const BFF_PORT = 18_101;
const NS = 1_000_000n;

interface Streams {
  data: { result: { values: [string, string][] }[] };
}

/** What the BFF does for `lines` lines, done directly: query_range pages of 5,000 by time. */
async function direct(query: string, fromMs: number, toMs: number, lines: number): Promise<number> {
  let end = BigInt(toMs) * NS + 1n;
  let got = 0;
  while (got < lines) {
    const url = new URL(`http://127.0.0.1:${SIM_PORT}/loki/api/v1/query_range`);
    const limit = Math.min(5_000, lines - got);
    url.search = new URLSearchParams({
      query,
      start: String(BigInt(fromMs) * NS),
      end: String(end),
      limit: String(limit),
      direction: 'backward',
    }).toString();
    const res = await fetch(url, {
      headers: { 'X-Loki-Response-Encoding-Flags': 'categorize-labels' },
    });
    const body = (await res.json()) as Streams;
    const ts = body.data.result.flatMap((s) => s.values.map((v) => BigInt(v[0])));
    got += ts.length;
    if (ts.length < limit) break;
    end = ts.reduce((a, b) => (b < a ? b : a)) + 1n;
  }
  return got;
}

const viaLogsift = (query: string, from: number, to: number, limit: number, sets: SetsShape) =>
  askLogsift(BFF_PORT, { datasource: 'loki', language: 'logql', query, from, to, limit, sets });

async function compare(
  lines: number,
  runs: number,
  from: number,
  to: number,
  /** `inline` is the contract's default answer; Explore asks for `shared`. */
  sets: SetsShape = 'inline',
): Promise<string> {
  const query = '{namespace=~".+"}';
  const r = await compareRuns(
    runs,
    () => direct(query, from, to, lines),
    () => viaLogsift(query, from, to, lines, sets),
  );
  return `loki: ${r.got.toLocaleString('en-US')} lines, ${sets} sets  direct query_range p50 ${r.directP50.toFixed(0)} ms, via Logsift p50 ${r.logsiftP50.toFixed(0)} ms, ratio ${(r.logsiftP50 / r.directP50).toFixed(2)}x, p50 of each round's ratio ${r.roundRatioP50.toFixed(2)}x (${runs} runs)`;
}

/** Pushes `rate` lines/s into the simulator for `seconds` while a WebSocket client tails via the BFF. */
async function tailRate(rate: number, seconds: number): Promise<string> {
  const ws = new WebSocket(`ws://127.0.0.1:${BFF_PORT}/api/v1/tail`);
  let received = 0;
  let dropped = 0;
  ws.on('message', (data: Buffer) => {
    const m = JSON.parse(data.toString('utf8')) as {
      type: string;
      records?: unknown[];
      count?: number;
    };
    if (m.type === 'records') received += m.records?.length ?? 0;
    if (m.type === 'dropped') dropped += m.count ?? 0;
  });
  await new Promise((r) => ws.on('open', r));
  ws.send(JSON.stringify({ datasource: 'loki', language: 'logql', query: '{app="bench-tail"}' }));
  await new Promise((r) => setTimeout(r, 1_500));
  const batch = rate / 20;
  let sent = 0;
  const started = performance.now();
  for (let tick = 0; tick < seconds * 20; tick++) {
    const now = BigInt(Date.now()) * NS;
    const values = Array.from({ length: batch }, (_, i) => [
      String(now + BigInt(i)),
      `level=info msg="bench tail line ${sent + i}" user=u${i % 97}`,
    ]);
    await fetch(`http://127.0.0.1:${SIM_PORT}/loki/api/v1/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ streams: [{ stream: { app: 'bench-tail' }, values }] }),
    });
    sent += batch;
    const due = started + ((tick + 1) * 1_000) / 20;
    await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now())));
  }
  const pushSeconds = (performance.now() - started) / 1_000;
  for (let i = 0; i < 50 && received + dropped < sent; i++)
    await new Promise((r) => setTimeout(r, 100));
  ws.close();
  return `loki tail: pushed ${sent.toLocaleString('en-US')} lines at ${(sent / pushSeconds).toFixed(0)} lines/s; delivered ${received.toLocaleString('en-US')} (${((received / sent) * 100).toFixed(1)}%), counted as dropped ${dropped}`;
}

export async function benchLoki(): Promise<string[]> {
  const config = join(tmpdir(), `logsift-bench-loki-${process.pid}.yaml`);
  writeFileSync(
    config,
    `datasources:\n  - id: loki\n    kind: loki\n    url: http://127.0.0.1:${SIM_PORT}\n    timeoutMs: 120000\n    tail: { delayForSeconds: 0 }\n`,
  );
  const sim = start(['sim/main.ts', 'loki', '--port', String(SIM_PORT), '--sample-scale', '3']);
  const bff = startServer({
    PORT: String(BFF_PORT),
    HOST: '127.0.0.1',
    LOGSIFT_CONFIG: config,
    LOGSIFT_OPEN: '0',
  });
  try {
    await waitFor(`http://127.0.0.1:${SIM_PORT}/ready`);
    await waitFor(`http://127.0.0.1:${BFF_PORT}/readyz`);
    const to = Date.now();
    const from = to - 7 * 24 * 3_600_000;
    const out = [
      await compare(5_000, 40, from, to),
      await compare(5_000, 40, from, to, 'shared'),
      await compare(100_000, 3, from, to),
    ];
    const memory = memoryMb(bff.pid);
    out.push(
      `loki: BFF resident memory after 100,000-line answers: peak ${memory.peak.toFixed(0)} MB, now ${memory.now.toFixed(0)} MB`,
    );
    out.push(await tailRate(5_000, 10));
    const after = memoryMb(bff.pid);
    out.push(
      `loki tail: BFF resident memory peak ${after.peak.toFixed(0)} MB, now ${after.now.toFixed(0)} MB`,
    );
    return out;
  } finally {
    bff.kill('SIGTERM');
    sim.kill('SIGTERM');
  }
}
