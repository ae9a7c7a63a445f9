import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import type { TailMessage } from '../../../model';
import { createLokiDatasource, LokiDatasourceConfigSchema } from '.';

const frame = readFileSync(
  new URL('./testdata/tail_ws_message_with_dropped_entries.json', import.meta.url),
  'utf8',
);

let wss: WebSocketServer | undefined;
afterEach(() => new Promise<void>((resolve) => (wss ? wss.close(() => resolve()) : resolve())));

/** A WebSocket endpoint that plays a script per connection and records each upgrade URL. */
async function lokiTailServer(play: (socket: WebSocket, n: number) => void) {
  const upgrades: { url: URL; tenant: string | undefined }[] = [];
  wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  wss.on('connection', (socket, req) => {
    upgrades.push({
      url: new URL(req.url ?? '/', 'http://x'),
      tenant: req.headers['x-scope-orgid'] as string | undefined,
    });
    play(socket, upgrades.length);
  });
  await new Promise((resolve) => wss?.on('listening', resolve));
  return { url: `http://127.0.0.1:${(wss.address() as AddressInfo).port}`, upgrades };
}

function collect() {
  const messages: TailMessage[] = [];
  const until = async (test: () => boolean) => {
    for (let i = 0; i < 200 && !test(); i++) await new Promise((r) => setTimeout(r, 10));
    expect(test()).toBe(true);
  };
  return { messages, sink: (m: TailMessage) => messages.push(m), until };
}

const lines = (messages: TailMessage[]) =>
  messages.flatMap((m) => (m.type === 'records' ? m.records.map((r) => r.ts) : []));

describe('Loki tail', () => {
  it('delivers a real frame, counts dropped entries, and resumes after Loki ends the session', async () => {
    const { url, upgrades } = await lokiTailServer((socket, n) => {
      socket.send(frame);
      // The first session ends as tail_max_duration ends it; the second replays the same frame.
      if (n === 1) setTimeout(() => socket.close(1000), 20);
    });
    const ds = createLokiDatasource(
      LokiDatasourceConfigSchema.parse({ id: 'loki', kind: 'loki', url, tenant: 'team-a' }),
      { now: () => 1_756_749_000_000 },
    );
    const { messages, sink, until } = collect();
    const session = ds.tail?.({ language: 'logql', query: '{job="podlogs"}' }, sink);
    await until(() => upgrades.length >= 2);
    await new Promise((r) => setTimeout(r, 50));
    session?.close();

    expect(lines(messages)).toEqual(['1756749695032629429', '1756749695032687212']);
    expect(messages.filter((m) => m.type === 'dropped')).toEqual([
      { type: 'dropped', count: 5 },
      { type: 'dropped', count: 5 },
    ]);
    const [first, second] = upgrades;
    expect(first?.url.pathname).toBe('/loki/api/v1/tail');
    expect(first?.url.searchParams.get('start')).toBe('1756749000000000000');
    expect(first?.url.searchParams.get('delay_for')).toBe('2');
    expect(first?.tenant).toBe('team-a');
    expect(second?.url.searchParams.get('start')).toBe('1756749695032687212');
  });

  it("stops with Loki's words when Loki refuses the query before the upgrade", async () => {
    const server = http.createServer();
    server.on('upgrade', (_req, socket: Duplex) => {
      const body = 'parse error at line 1, col 11: syntax error: unexpected IDENTIFIER';
      socket.end(
        `HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const ds = createLokiDatasource(
      LokiDatasourceConfigSchema.parse({ id: 'loki', kind: 'loki', url }),
    );
    const { messages, sink, until } = collect();
    const session = ds.tail?.({ language: 'logql', query: '{job="x"} foo' }, sink);
    await until(() => messages.length > 0);
    session?.close();
    server.close();
    expect(messages).toEqual([
      {
        type: 'error',
        error: expect.objectContaining({
          code: 'bad_query',
          position: { from: 10, to: 13 },
          message: expect.stringContaining('unexpected IDENTIFIER'),
        }),
      },
    ]);
  });
});
