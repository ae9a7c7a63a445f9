import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('server/main.ts', () => {
  // Starting tsx takes seconds when the rest of the suite loads both cores.
  it('refuses to start on a config with mistakes, listing all of them', { timeout: 70_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'logsift-config-'));
    const path = join(dir, 'logsift.yaml');
    writeFileSync(
      path,
      'datasources:\n  - id: a b\n    kind: local\n  - id: x\n    kind: loki\n    url: nope\nauth:\n  mode: oidc\n',
    );
    const run = spawnSync('npx', ['tsx', 'server/main.ts'], {
      env: { ...process.env, LOGSIFT_CONFIG: path, PORT: '0', LOGSIFT_OPEN: '0' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.error).toBeUndefined();
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`${path} has 3 mistakes`);
    expect(run.stderr).toMatch(/datasources\.0\.id: /);
    expect(run.stderr).toMatch(/datasources\.1\.url: /);
    expect(run.stderr).toMatch(/auth\.mode: /);
  });
});
