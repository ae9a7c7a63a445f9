import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TailMessage } from '../../../model';
import { buildApp } from '../../app';
import { LogsiftConfigSchema } from '../../config/schema';
import { createDatasources, type DatasourceRegistry } from '../../datasources/registry';

let app: FastifyInstance;
let registry: DatasourceRegistry;
let url: string;

beforeAll(async () => {
  const config = LogsiftConfigSchema.parse({
    datasources: [{ id: 'local', kind: 'local' }],
    server: { limits: { maxTails: 2 } },
  });
  registry = await createDatasources(config.datasources, { sampleScale: 0.01 });
  app = await buildApp({ config, datasources: registry, auditSink: { write: () => undefined } });
  await app.listen({ port: 0, host: '127.0.0.1' });
  url = `ws://127.0.0.1:${(app.server.address() as AddressInfo).port}/api/v1/tail`;
});
afterAll(async () => {
  await app.close();
  await registry.closeAll();
});

function collect(first: unknown, headers: Record<string, string> = {}) {
  const socket = new WebSocket(url, { headers });
  const messages: TailMessage[] = [];
  const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
  const failed = new Promise<number>((resolve) =>
    socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)),
  );
  socket.on('open', () => socket.send(typeof first === 'string' ? first : JSON.stringify(first)));
  socket.on('message', (data) => messages.push(JSON.parse(String(data)) as TailMessage));
  return { socket, messages, closed, failed };
}

describe('WS /api/v1/tail', () => {
  it('streams new lines that match', async () => {
    const opened = Date.now();
    const { socket, messages, closed } = collect({
      datasource: 'local',
      language: 'logql',
      query: '{job=~".+"}',
    });
    await expect.poll(() => messages.length, { timeout: 5_000 }).toBeGreaterThan(0);
    const first = messages[0];
    if (first?.type !== 'records')
      throw new Error(`expected records, got ${JSON.stringify(first)}`);
    const newest = first.records.map((r) => BigInt(r.ts)).reduce((a, b) => (a > b ? a : b));
    expect(newest).toBeGreaterThanOrEqual(BigInt(opened - 1_000) * 1_000_000n);
    socket.close();
    await closed;
  });

  it('answers a bad first message with an error and closes 1008', async () => {
    const bad = collect('not json');
    expect(await bad.closed).toBe(1008);
    expect(bad.messages[0]).toMatchObject({ type: 'error', error: { code: 'bad_query' } });
    const query = collect({ datasource: 'local', language: 'logql', query: '{job=' });
    expect(await query.closed).toBe(1008);
    expect(query.messages[0]).toMatchObject({
      type: 'error',
      error: { code: 'bad_query', position: expect.any(Object) },
    });
  });

  it('caps open tails with 1013, refuses oversized messages, and frees slots on close', async () => {
    const start = { datasource: 'local', language: 'logql', query: '{job=~".+"}' };
    const open = [collect(start), collect(start)];
    await expect
      .poll(() => open.every((t) => t.messages.length > 0), { timeout: 5_000 })
      .toBe(true);
    const third = collect(start);
    expect(await third.closed).toBe(1013);
    expect(third.messages[0]).toMatchObject({ type: 'error', error: { code: 'limit' } });
    const gauge = async () =>
      /^logsift_tail_sessions\{datasource="local"\} (\d+)$/m.exec(
        (await app.inject('/metrics')).body,
      )?.[1];
    expect(await gauge()).toBe('2');
    for (const t of open) t.socket.close();
    await Promise.all(open.map((t) => t.closed));
    await expect.poll(gauge).toBe('0');
    const huge = collect({ ...start, query: 'x'.repeat(70 * 1024) });
    expect(await huge.closed).toBe(1009);
  });

  it('refuses a cross-site upgrade', async () => {
    const { failed } = collect({}, { origin: 'https://evil.example' });
    expect(await failed).toBe(403);
    const host = new URL(url).host;
    const same = collect(
      { datasource: 'local', language: 'logql', query: '{job=~".+"}' },
      { origin: `http://${host}` },
    );
    await expect.poll(() => same.messages.length, { timeout: 5_000 }).toBeGreaterThan(0);
    same.socket.close();
    await same.closed;
  });
});
