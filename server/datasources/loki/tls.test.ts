import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogsiftError } from '../../../model';
import { createLokiDatasource, LokiDatasourceConfigSchema } from '.';

/** A private CA, a server certificate for 127.0.0.1 and a client certificate, made by openssl. */
const dir = mkdtempSync(join(tmpdir(), 'logsift-loki-tls-'));
const file = (name: string) => join(dir, name);
function openssl(...args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
}
function issue(name: string, subject: string, extensions: string): void {
  openssl(
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    `${name}.key`,
    '-out',
    `${name}.csr`,
    '-subj',
    subject,
  );
  writeFileSync(file(`${name}.ext`), extensions);
  openssl(
    'x509',
    '-req',
    '-in',
    `${name}.csr`,
    '-CA',
    'ca.crt',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-days',
    '2',
    '-out',
    `${name}.crt`,
    '-extfile',
    `${name}.ext`,
  );
}

const body = readFileSync(
  new URL('./testdata/query_range_streams_simple_with_stats.json', import.meta.url),
  'utf8',
);
let server: https.Server;
let url: string;
const seen: { client: string | undefined; authorization: string | undefined }[] = [];

beforeAll(async () => {
  openssl(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'ca.key',
    '-out',
    'ca.crt',
    '-days',
    '2',
    '-subj',
    '/CN=Logsift test CA',
  );
  issue('server', '/CN=loki', 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  issue('client', '/CN=logsift', 'extendedKeyUsage=clientAuth\n');
  writeFileSync(file('password'), 's3cret\n');
  server = https.createServer(
    {
      key: readFileSync(file('server.key')),
      cert: readFileSync(file('server.crt')),
      ca: readFileSync(file('ca.crt')),
      requestCert: true,
      rejectUnauthorized: true,
    },
    (req, res) => {
      const peer = (req.socket as TLSSocket).getPeerCertificate();
      seen.push({
        client: [peer.subject?.CN].flat().join(),
        authorization: req.headers.authorization,
      });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(body);
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const query = (tls: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  createLokiDatasource(
    LokiDatasourceConfigSchema.parse({ id: 'loki', kind: 'loki', url, tls, ...extra }),
  ).query(
    {
      language: 'logql',
      query: '{job="x"}',
      fromMs: Date.now() - 3_600_000,
      toMs: Date.now(),
      limit: 10,
      direction: 'backward',
    },
    AbortSignal.timeout(5_000),
  );
const client = { certFile: file('client.crt'), keyFile: file('client.key') };

describe('Loki over TLS', () => {
  it('trusts a private CA, presents a client certificate, and sends basic auth from a file', async () => {
    const result = await query(
      { caFile: file('ca.crt'), ...client },
      { auth: { basic: { username: 'team-a', password: { file: file('password') } } } },
    );
    expect(result.records).toHaveLength(6);
    expect(seen.at(-1)).toEqual({
      client: 'logsift',
      authorization: `Basic ${Buffer.from('team-a:s3cret').toString('base64')}`,
    });
  });

  it('refuses a certificate it cannot verify, unless told to be insecure', async () => {
    const error = await query(client).then(
      () => undefined,
      (e: unknown) => e as LogsiftError,
    );
    expect(error?.code).toBe('backend_unavailable');
    expect(error?.message).toMatch(/cannot reach Loki: .*(certificate|CERT)/i);
    await expect(query({ insecureSkipVerify: true, ...client })).resolves.toBeDefined();
  });

  it('fails clearly when Loki wants a client certificate and none is set', async () => {
    const error = await query({ caFile: file('ca.crt') }).then(
      () => undefined,
      (e: unknown) => e as LogsiftError,
    );
    expect(error?.code).toBe('backend_unavailable');
  });
});
