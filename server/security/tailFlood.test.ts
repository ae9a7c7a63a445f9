import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { TailMessage } from '../../model';
import { startTestLogsift, type TestLogsift } from '../testing';

/**
 * RELIABILITY §1.5 32, 33, 36: a tail client that never reads, a thousand tails at once, an
 * oversized frame. The server's memory must stay bounded and every refusal must say why.
 */
let dir: string;
let logFile: string;
let logsift: TestLogsift;
let url: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'logsift-tailflood-'));
  logFile = join(dir, 'flood.log');
  writeFileSync(logFile, '');
  logsift = await startTestLogsift({
    datasources: [
      { id: 'local', kind: 'local', replay: false },
      // Few lines kept, so the heap measures the tail's buffers, not the datasource's store.
      { id: 'files', kind: 'local', paths: [logFile], maxLines: 2_000 },
    ],
  });
  await logsift.app.listen({ port: 0, host: '127.0.0.1' });
  url = `ws://127.0.0.1:${(logsift.app.server.address() as AddressInfo).port}/api/v1/tail`;
});
afterAll(async () => {
  await logsift.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Closed {
  code: number;
  reason: string;
}

function openTail(datasource: string): { socket: WebSocket; closed: Promise<Closed> } {
  const socket = new WebSocket(url);
  const closed = new Promise<Closed>((resolve) =>
    socket.on('close', (code, reason) => resolve({ code, reason: String(reason) })),
  );
  socket.on('error', () => undefined);
  socket.on('open', () =>
    socket.send(JSON.stringify({ datasource, language: 'logql', query: '{job=~".+"}' })),
  );
  return { socket, closed };
}

const MB = 1024 * 1024;

/** The heap in use once garbage is collected: what the server really holds. */
function liveHeap(): number {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  return process.memoryUsage().heapUsed;
}

describe('live tail under abuse', () => {
  it('holds maxTails of 1,000 tails opened at once and closes the rest 1013 with the reason', async () => {
    const heapBefore = process.memoryUsage().heapUsed;
    const tails = Array.from({ length: 1_000 }, () => openTail('local'));
    const outcomes = await Promise.all(
      tails.map(({ closed }) =>
        Promise.race([closed, new Promise<'open'>((r) => setTimeout(() => r('open'), 8_000))]),
      ),
    );
    const refused = outcomes.filter((o): o is Closed => o !== 'open');
    expect(outcomes.filter((o) => o === 'open')).toHaveLength(50);
    expect(refused).toHaveLength(950);
    expect(new Set(refused.map((c) => `${c.code} ${c.reason}`))).toEqual(
      new Set(['1013 too many live tails (max 50)']),
    );
    console.log(
      `1,000 tails: 50 held, 950 closed 1013; heap +${((process.memoryUsage().heapUsed - heapBefore) / MB).toFixed(1)} MB`,
    );
    await Promise.all(tails.map(({ socket, closed }) => (socket.close(), closed)));
    // Every slot is free again.
    const again = openTail('local');
    const now = await Promise.race([
      again.closed,
      new Promise<'open'>((r) => setTimeout(() => r('open'), 1_000)),
    ]);
    expect(now).toBe('open');
    again.socket.close();
    await again.closed;
  }, 60_000);

  it('closes 1009 on a frame over 64 KB', async () => {
    const socket = new WebSocket(url);
    const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
    socket.on('error', () => undefined);
    socket.on('open', () => socket.send('x'.repeat(65 * 1024)));
    expect(await closed).toBe(1009);
  });

  it('drops and counts lines for a client that never reads, with memory bounded', async () => {
    const socket = new WebSocket(url);
    onTestFinished(() => socket.terminate());
    const messages: TailMessage[] = [];
    socket.on('message', (data) => messages.push(JSON.parse(String(data)) as TailMessage));
    await new Promise<void>((resolve) => socket.on('open', () => resolve()));
    socket.send(JSON.stringify({ datasource: 'files', language: 'logql', query: '{job=~".+"}' }));
    await new Promise((r) => setTimeout(r, 700));
    // The client stops reading: its TCP window closes and the server's buffer fills.
    socket.pause();
    const server = [...(logsift.app.websocketServer.clients as Set<WebSocket>)][0];
    if (!server) throw new Error('no server side socket');
    const pad = 'p'.repeat(1_500);
    const heapBefore = liveHeap();
    const buffered: number[] = [];
    let seq = 0;
    const started = Date.now();
    while (Date.now() - started < 9_000) {
      const lines: string[] = [];
      for (let i = 0; i < 2_000; i++) {
        lines.push(`${new Date().toISOString()} level=info seq=${seq++} msg="flood ${pad}"`);
      }
      appendFileSync(logFile, `${lines.join('\n')}\n`);
      await new Promise((r) => setTimeout(r, 200));
      buffered.push(server.bufferedAmount);
    }
    const metrics = (await logsift.app.inject('/metrics')).body;
    const dropped = Number(
      /logsift_tail_dropped_lines_total\{datasource="files"\} (\d+)/.exec(metrics)?.[1] ?? 0,
    );
    const heapGrowth = (liveHeap() - heapBefore) / MB;
    console.log(
      `non-reading client: ${seq} lines written, ${dropped} dropped, server buffer max ${(Math.max(...buffered) / MB).toFixed(1)} MB, heap growth ${heapGrowth.toFixed(1)} MB`,
    );
    expect(dropped).toBeGreaterThan(1_000);
    // The bound (4 MB) plus the one message that crossed it.
    expect(Math.max(...buffered)).toBeLessThan(5 * MB);
    expect(heapGrowth).toBeLessThan(32);
    // Reading again: the client is told how many lines it lost.
    socket.resume();
    await expect
      .poll(() => messages.some((m) => m.type === 'dropped'), { timeout: 10_000 })
      .toBe(true);
  }, 60_000);
});
