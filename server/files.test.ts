import { appendFile, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogRecord, TailMessage } from '../model';
import { buildApp } from './app';
import { LogsiftConfigSchema } from './config/schema';
import { createDatasources, type DatasourceRegistry } from './datasources/registry';

/** Real CRI lines (a Java stack trace from the Fluent Bit test corpus), then hostile ones. */
const SAMPLE = new URL(
  './datasources/local/samples/container-runtime/cri/fluentbit_avro_multiline_cri_stacktrace.log',
  import.meta.url,
);
const TS = '2020-08-19T21:06:25.000000000Z';
const FROM = Date.UTC(2020, 7, 19, 20);
const TO = Date.UTC(2020, 7, 19, 22);

let app: FastifyInstance;
let registry: DatasourceRegistry;
let file: string;
let real: string[];

beforeAll(async () => {
  const root = await mkdtemp(join(tmpdir(), 'logsift-files-'));
  const podDir = join(root, 'var/log/pods/shop_checkout-7d9f_0a1b2c/app');
  await mkdir(podDir, { recursive: true });
  file = join(podDir, '0.log');
  real = (await readFile(SAMPLE, 'utf8')).split('\n').filter(Boolean).slice(0, 5);
  await writeFile(
    file,
    Buffer.concat([
      Buffer.from(`${real.join('\n')}\n`),
      Buffer.from(`${TS} stdout F <script>alert(1)</script>\n`),
      Buffer.from(`${TS} stdout F \u001b[31mred\u001b[0m error\n`),
      Buffer.from(`${TS} stdout F bad `),
      Buffer.from([0xc3, 0x28, 0x0a]),
      Buffer.from(`${TS} stdout F ${'x'.repeat(1024 * 1024)}\n`),
    ]),
  );
  const config = LogsiftConfigSchema.parse({
    datasources: [{ id: 'node', kind: 'local', paths: [join(root, 'var/log/pods/*/*/*.log')] }],
  });
  registry = await createDatasources(config.datasources);
  app = await buildApp({ config, datasources: registry });
  await app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await app.close();
  await registry.closeAll();
});

async function lines(query: string): Promise<LogRecord[]> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/query',
    payload: { datasource: 'node', language: 'logql', query, from: FROM, to: TO, limit: 100 },
  });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  return (res.json() as { records: LogRecord[] }).records;
}

describe('a configured local datasource over kubelet log files', () => {
  it('answers the real lines with Kubernetes labels from the path', async () => {
    const records = await lines('{namespace="shop", container="app"} |= "hadoop"');
    expect(records.length).toBeGreaterThanOrEqual(3);
    expect(records[0]?.labels).toMatchObject({ pod: 'checkout-7d9f', job: 'node' });
    expect(real.some((l) => l.endsWith(records[0]?.line ?? '?'))).toBe(true);
  });

  it('keeps hostile lines as text: markup, ANSI, invalid UTF-8, a 1 MB line', async () => {
    expect((await lines('{pod="checkout-7d9f"} |= "<script>"'))[0]?.line).toBe(
      '<script>alert(1)</script>',
    );
    expect((await lines('{pod="checkout-7d9f"} |= "red"'))[0]?.line).toContain('\u001b[31m');
    expect((await lines('{pod="checkout-7d9f"} |= "bad"'))[0]?.line).toBe('bad \ufffd(');
    const long = (await lines('{pod="checkout-7d9f"} |= "xxxxxxxx"'))[0]?.line ?? '';
    expect(long.length).toBeGreaterThan(100_000);
    expect(long.length).toBeLessThan(1024 * 1024);
  });

  it('tails a line appended to the file', async () => {
    const port = (app.server.address() as AddressInfo).port;
    const socket = new WebSocket(`ws://127.0.0.1:${port}/api/v1/tail`);
    const messages: TailMessage[] = [];
    socket.on('message', (data) => messages.push(JSON.parse(String(data)) as TailMessage));
    await new Promise((resolve) => socket.on('open', resolve));
    socket.send(
      JSON.stringify({ datasource: 'node', language: 'logql', query: '{pod="checkout-7d9f"}' }),
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    await appendFile(file, `${new Date().toISOString()} stdout F order 42 paid\n`);
    const seen = (): string[] =>
      messages.flatMap((m) => (m.type === 'records' ? m.records.map((r) => r.line) : []));
    await expect.poll(seen, { timeout: 5_000 }).toContain('order 42 paid');
    socket.close();
  });
});
