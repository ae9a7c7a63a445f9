import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import { LogsiftConfigSchema } from '../config/schema';
import { createDatasources, type DatasourceRegistry } from '../datasources/registry';
import { openSavedStore } from '../store/open';
import type { SavedStore } from '../store/store';

/**
 * CVE-2021-43798 and CVE-2026-21726 in every encoding: a secret file beside the UI's
 * directory (as grafana.ini was beside public/) must never come back, from the file server,
 * the API's ids or the short links.
 */
const SECRET = 'TOP-SECRET-traversal-canary';
const INDEX = '<!doctype html><html><head></head><body>logsift ui</body></html>';
let dir: string;
let app: FastifyInstance;
let registry: DatasourceRegistry;
let store: SavedStore;
let port: number;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'logsift-traversal-'));
  const ui = join(dir, 'public');
  mkdirSync(join(ui, 'assets'), { recursive: true });
  writeFileSync(join(ui, 'index.html'), INDEX);
  writeFileSync(join(ui, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(dir, 'secret.txt'), SECRET);
  writeFileSync(join(dir, 'passwd'), SECRET);
  const config = LogsiftConfigSchema.parse({
    datasources: [{ id: 'local', kind: 'local', replay: false }],
    storage: { kind: 'sqlite', dataDir: join(dir, 'data') },
  });
  registry = await createDatasources(config.datasources, { sampleScale: 0.001 });
  store = await openSavedStore(config.storage, {});
  app = await buildApp({ config, datasources: registry, store, staticDir: ui });
  await app.listen({ port: 0, host: '127.0.0.1' });
  port = (app.server.address() as AddressInfo).port;
});
afterAll(async () => {
  await app.close();
  await registry.closeAll();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** One request with the path sent byte for byte as written (no client normalizes it). */
function rawGet(path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (d: Buffer) => chunks.push(d));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0), body: text });
    });
    socket.write(
      Buffer.concat([
        Buffer.from('GET '),
        Buffer.from(path, 'latin1'),
        Buffer.from(' HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n'),
      ]),
    );
  });
}

/** Ways to say "the parent directory" that some decoder somewhere has once accepted. */
const UP = [
  '../',
  '..%2f',
  '..%2F',
  '%2e%2e%2f',
  '%2e%2e/',
  '.%2e/',
  '%252e%252e%252f',
  '..%252f',
  '..\\',
  '..%5c',
  '%2e%2e%5c',
  '..%c0%af',
  '%c0%ae%c0%ae/',
  '%c0%ae%c0%ae%c0%af',
  '%e0%80%ae%e0%80%ae/',
  '..%ef%bc%8f',
  '%ef%bc%8e%ef%bc%8e%ef%bc%8f',
  '....//',
  '..;/',
];
const TARGETS = ['secret.txt', 'secret.txt%00.js', 'secret.txt%00', 'passwd\u0000.js'];

function paths(prefix: string): string[] {
  const out: string[] = [];
  for (const up of UP) {
    for (const target of TARGETS) out.push(`${prefix}${up}${up}${target}`);
  }
  return out;
}

describe('path traversal', () => {
  it('never serves a file outside the UI directory', async () => {
    for (const path of [...paths('/'), ...paths('/assets/'), ...paths('/assets/x/')]) {
      const { status, body } = await rawGet(path);
      expect(body, path).not.toContain(SECRET);
      // The SPA answers an unknown page with index.html; anything else is a refusal.
      if (status === 200) expect(body, path).toContain('logsift ui');
      else {
        expect([400, 403, 404], `${path} → ${status}`).toContain(status);
        expect(body, path).toMatch(/content-type: application\/json/i);
      }
    }
    expect((await rawGet('/assets/app.js')).body).toContain('console.log(1)');
  });

  it('refuses every such id in the API and short links with 400 or 404', async () => {
    const ids = [
      ...UP.flatMap((up) => TARGETS.map((t) => `${up}${up}${t}`)),
      '%2e%2e',
      '..',
      'a%00b',
      '%00',
      'C:%5cwindows',
    ];
    for (const id of ids) {
      for (const route of [
        '/api/v1/saved-queries/',
        '/api/v1/dashboards/',
        '/api/v1/dashboards/x/versions/',
        '/s/',
        '/api/v1/datasources/',
      ]) {
        const path = `${route}${id}`;
        const { status, body } = await rawGet(path);
        expect(body, path).not.toContain(SECRET);
        if (status === 200) expect(body, path).toContain('logsift ui');
        else {
          expect([400, 403, 404], `${path} → ${status}`).toContain(status);
          expect(body, path).toMatch(/content-type: application\/json/i);
        }
      }
    }
  });
});
