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

/** The fixture's frame as a Loki replays it: entries from `start` on (its history query). */
function replayFrom(start: string): string {
  const body = JSON.parse(frame) as { streams: { values: [string, string][] }[] };
  for (const s of body.streams) s.values = s.values.filter(([ts]) => BigInt(ts) >= BigInt(start));
  return JSON.stringify(body);
}

let wss: WebSocketServer | undefined;
afterEach(() => new Promise<void>((resolve) => (wss ? wss.close(() => resolve()) : resolve())));

/** A WebSocket endpoint that plays a script per connection and records each upgrade URL. */
async function lokiTailServer(play: (socket: WebSocket, n: number) => void) {
  const upgrades: { url: URL; tenant: string | undefined; authorization: string | undefined }[] =
    [];
  wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  wss.on('connection', (socket, req) => {
    upgrades.push({
      url: new URL(req.url ?? '/', 'http://x'),
      tenant: req.headers['x-scope-orgid'] as string | undefined,
      authorization: req.headers.authorization,
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
    process.env.LOKI_TAIL_TEST_TOKEN = 't0ken';
    const { url, upgrades } = await lokiTailServer((socket, n) => {
      socket.send(replayFrom(upgrades.at(-1)?.url.searchParams.get('start') ?? '0'));
      // The first session ends as tail_max_duration ends it; the second replays the same frame.
      if (n === 1) setTimeout(() => socket.close(1000), 20);
    });
    const ds = createLokiDatasource(
      LokiDatasourceConfigSchema.parse({
        id: 'loki',
        kind: 'loki',
        url,
        tenant: 'team-a|team-b',
        auth: { bearer: { env: 'LOKI_TAIL_TEST_TOKEN' } },
      }),
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
    expect(first?.url.searchParams.get('limit')).toBe('5000');
    expect(first?.tenant).toBe('team-a|team-b');
    expect(first?.authorization).toBe('Bearer t0ken');
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
  it('passes on a late line older than those sent, which only a replay could repeat', async () => {
    const entry = (ts: string, line: string) =>
      JSON.stringify({ streams: [{ stream: { app: 'a' }, values: [[ts, line]] }] });
    const { url } = await lokiTailServer((socket) => {
      socket.send(entry('1756749000000000300', 'on time'));
      // A shipper behind the others: Loki sends its line when it gets it, older or not.
      setTimeout(() => socket.send(entry('1756749000000000100', 'late')), 10);
      setTimeout(() => socket.send(entry('1756749000000000300', 'on time')), 20);
    });
    const ds = createLokiDatasource(
      LokiDatasourceConfigSchema.parse({ id: 'loki', kind: 'loki', url }),
      { now: () => 1_756_749_000_000 },
    );
    const { messages, sink, until } = collect();
    const session = ds.tail?.({ language: 'logql', query: '{app="a"}' }, sink);
    await until(() => lines(messages).length >= 3);
    session?.close();
    expect(lines(messages)).toEqual([
      '1756749000000000300',
      '1756749000000000100',
      '1756749000000000300',
    ]);
  });

  it('says once that Loki cannot be reached, keeps trying, and clears it when Loki is back', async () => {
    const server = http.createServer();
    const sockets = new WebSocketServer({ noServer: true });
    let attempts = 0;
    server.on('upgrade', (req, socket: Duplex, head) => {
      attempts++;
      if (attempts <= 2) {
        const body = 'no healthy upstream';
        socket.end(
          `HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
        );
        return;
      }
      sockets.handleUpgrade(req, socket, head, (ws) => ws.send(frame));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const ds = createLokiDatasource(
      LokiDatasourceConfigSchema.parse({ id: 'loki', kind: 'loki', url }),
      { now: () => 1_756_749_000_000 },
    );
    const { messages, sink, until } = collect();
    const session = ds.tail?.({ language: 'logql', query: '{job="podlogs"}' }, sink);
    await until(() => lines(messages).length > 0);
    session?.close();
    sockets.close();
    server.close();
    expect(attempts).toBe(3);
    expect(messages.map((m) => m.type)).toEqual(['error', 'records', 'records', 'dropped']);
    expect(messages[0]).toEqual({
      type: 'error',
      error: expect.objectContaining({
        code: 'backend_unavailable',
        message: 'Loki answered 503: no healthy upstream (the tail tries again by itself)',
      }),
    });
    expect(messages[1]).toEqual({ type: 'records', records: [] });
  });

  it("names the refused connection of a Loki that is down, and Loki's own reason to close", async () => {
    const gone = createLokiDatasource(
      LokiDatasourceConfigSchema.parse({ id: 'loki', kind: 'loki', url: 'http://127.0.0.1:9' }),
    );
    const down = collect();
    const session = gone.tail?.({ language: 'logql', query: '{app="a"}' }, down.sink);
    await new Promise((r) => setTimeout(r, 1_000));
    session?.close();
    expect(down.messages).toEqual([
      {
        type: 'error',
        error: expect.objectContaining({
          code: 'backend_unavailable',
          message: expect.stringMatching(
            /^cannot reach Loki: ECONNREFUSED .*tries again by itself/,
          ),
        }),
      },
    ]);

    const { url } = await lokiTailServer((socket) =>
      socket.close(1011, 'all ingesters closed the connection'),
    );
    const closing = collect();
    const ds = createLokiDatasource(
      LokiDatasourceConfigSchema.parse({ id: 'loki', kind: 'loki', url }),
    );
    const tail = ds.tail?.({ language: 'logql', query: '{app="a"}' }, closing.sink);
    await closing.until(() => closing.messages.length > 0);
    tail?.close();
    expect(closing.messages[0]).toMatchObject({
      type: 'error',
      error: {
        message:
          'Loki closed the tail: all ingesters closed the connection (the tail tries again by itself)',
      },
    });
  });
});
