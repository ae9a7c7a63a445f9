import { mkdtempSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueryResponse } from '../model';
import { startLokiSim, type LokiSim } from '../sim/loki';
import { SHUTDOWN_REASON } from './http/draining';
import { startLogsift } from './store/testing/logsiftProcess';

/** SIGTERM to the real server (server/main.ts in its own process), as the kubelet sends it. */
let loki: LokiSim;

beforeAll(async () => {
  loki = await startLokiSim({ sampleScale: 0.01, replay: false });
});
afterAll(() => loki.close());

const start = (graceMs: number) =>
  startLogsift(mkdtempSync(join(tmpdir(), 'logsift-shutdown-')), {
    datasources: [
      { id: 'local', kind: 'local' },
      { id: 'loki', kind: 'loki', url: loki.url, timeoutMs: 20_000 },
    ],
    server: { shutdownGraceMs: graceMs },
  });

/**
 * A query Loki (the simulator, stalled by a fault) answers only after `delayMs`; its answer,
 * or the error of a connection cut, caught at once so a cut is never an unhandled rejection.
 */
function slowQuery(base: string, delayMs: number) {
  loki.setFault({ delayMs, paths: ['/loki/api/v1/query_range'] });
  loki.requests.length = 0;
  const answer = fetch(`${base}api/v1/query`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      datasource: 'loki',
      language: 'logql',
      query: '{namespace=~".+"}',
      from: 'now-24h',
      to: 'now',
      limit: 5,
    }),
  }).catch((error: unknown) => error as Error);
  const arrived = () => loki.requests.some((r) => r.path === '/loki/api/v1/query_range');
  return { answer, arrived };
}

function openTail(base: string) {
  const socket = new WebSocket(`${base.replace('http', 'ws')}api/v1/tail`);
  const opened = new Promise<void>((resolve) => socket.on('open', () => resolve()));
  socket.on('open', () =>
    socket.send(JSON.stringify({ datasource: 'local', language: 'logql', query: '{job=~".+"}' })),
  );
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  return { opened, closed };
}

/**
 * A request whose last header line is held back until `finish()`: its connection is busy,
 * so the server's close keeps it, as a proxy's kept-alive upstream connection would be.
 */
function heldRequest(base: string, path: string) {
  const { hostname, port } = new URL(base);
  const socket = connect(Number(port), hostname);
  let text = '';
  socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const ended = new Promise<string>((resolve) => socket.on('close', () => resolve(text)));
  socket.write(`GET ${path} HTTP/1.1\r\nHost: ${hostname}:${port}\r\n`);
  return { finish: () => socket.write('\r\n'), ended };
}

describe('SIGTERM', () => {
  it('closes tails with 1001 and a reason, says "shutting down" on /readyz, finishes in-flight work, exits 0', async () => {
    const logsift = await start(10_000);
    try {
      const tail = openTail(logsift.url);
      await tail.opened;
      const ready = heldRequest(logsift.url, '/readyz');
      const slow = slowQuery(logsift.url, 2_500);
      await expect.poll(slow.arrived, { timeout: 5_000 }).toBe(true);

      const signalled = performance.now();
      const exit = logsift.stop();
      expect(await tail.closed).toEqual({ code: 1001, reason: SHUTDOWN_REASON });
      await new Promise((resolve) => setTimeout(resolve, 200));
      ready.finish();
      const readyAnswer = await ready.ended;
      expect(readyAnswer).toMatch(/^HTTP\/1\.1 503/);
      expect(readyAnswer).toContain('{"status":"shutting down"}');
      await expect(fetch(`${logsift.url}healthz`)).rejects.toThrow();

      const answer = await slow.answer;
      if (answer instanceof Error) throw answer;
      expect(answer.status).toBe(200);
      expect(((await answer.json()) as QueryResponse).records).toHaveLength(5);
      expect(await exit).toBe(0);
      const tookMs = performance.now() - signalled;
      expect(tookMs).toBeGreaterThan(1_500);
      expect(tookMs).toBeLessThan(8_000);
      expect(logsift.output()).toMatch(/"msg":"SIGTERM: shutting down within 10000 ms"/);
    } finally {
      loki.setFault(undefined);
      await logsift.kill();
    }
  }, 90_000);

  it('exits anyway, with 1, once the grace is over', async () => {
    const logsift = await start(1_000);
    try {
      const slow = slowQuery(logsift.url, 15_000);
      await expect.poll(slow.arrived, { timeout: 5_000 }).toBe(true);
      const signalled = performance.now();
      expect(await logsift.stop()).toBe(1);
      const tookMs = performance.now() - signalled;
      expect(tookMs).toBeGreaterThanOrEqual(900);
      expect(tookMs).toBeLessThan(5_000);
      expect(await slow.answer).toBeInstanceOf(Error);
      expect(logsift.output()).toContain('after the 1000 ms grace; exiting anyway');
    } finally {
      loki.setFault(undefined);
      await logsift.kill();
    }
  }, 90_000);
});
