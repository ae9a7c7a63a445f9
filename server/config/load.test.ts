import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './load';

function problems(yaml: string): string[] {
  try {
    parseConfig(yaml, 'logsift.yaml');
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('parseConfig', () => {
  it('accepts logsift.example.yaml, every backend of it', () => {
    const text = readFileSync(new URL('../../logsift.example.yaml', import.meta.url), 'utf8');
    const datasources = parseConfig(text, 'example').datasources;
    expect(datasources.map((d) => d.id)).toEqual(['local', 'node-logs', 'prod-loki', 'efk', 'eks']);
    expect(datasources.map((d) => d.kind)).toEqual([
      'local',
      'local',
      'loki',
      'elasticsearch',
      'cloudwatch',
    ]);
  });

  it('lists every mistake of a Loki datasource at once', () => {
    const text = [
      'datasources:',
      '  - id: loki',
      '    kind: loki',
      '    url: ftp://loki:3100',
      "    tenant: 'a b'",
      '    auth: { bearer: { env: LOKI_TOKEN, file: /run/token } }',
      '    tls: { certFile: /etc/tls.crt }',
      '    headers: { X-Scope-OrgID: other }',
      '    tail: { delayForSeconds: 9 }',
    ].join('\n');
    expect(problems(text)).toEqual([
      'datasources.0.url: url must be an http:// or https:// address',
      'datasources.0.tenant: tenant ids joined by |',
      'datasources.0.auth.bearer: give exactly one of env or file',
      'datasources.0.tls: a client certificate needs both certFile and keyFile',
      'datasources.0.headers: X-Scope-OrgID and Authorization come from tenant and auth, not headers',
      'datasources.0.tail.delayForSeconds: Too big: expected number to be <=5',
    ]);
  });

  it('accepts the documented example shape with defaults', () => {
    const config = parseConfig(
      `datasources:\n  - id: node-logs\n    kind: local\n    paths: ['/var/log/pods/*/*/*.log']\nserver:\n  basePath: /logs\n`,
      'x',
    );
    expect(config.server.basePath).toBe('/logs');
    expect(config.server.limits.maxLimit).toBe(100_000);
    expect(config.auth.mode).toBeUndefined();
  });

  it('lists every mistake at once, each with its path', () => {
    const found = problems(`
datasources:
  - id: a
    kind: local
  - id: a
    kind: loki
    url: not a url
  - id: bad id!
    kind: elasticsearch
server:
  basePath: logs/
  limits: { maxLimit: -1 }
auth:
  mode: users
`);
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^datasources\.1\.url: /),
        expect.stringMatching(/^datasources\.2\.id: /),
        expect.stringMatching(/^datasources\.2\.url: /),
        expect.stringMatching(/^datasources\.2\.index: /),
        expect.stringMatching(/^server\.basePath: /),
        expect.stringMatching(/^server\.limits\.maxLimit: /),
        expect.stringMatching(/^auth\.mode: /),
      ]),
    );
    expect(found.length).toBeGreaterThanOrEqual(7);
  });

  it('reports YAML syntax errors and unknown keys', () => {
    expect(problems('datasources: [')[0]).toMatch(/flow sequence|Missing|Unexpected/i);
    expect(problems('datasources:\n  - { id: x, kind: local, colour: red }\n')[0]).toMatch(
      /colour/,
    );
  });
});
