import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';

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

  it('starts on the embedded samples when LOGSIFT_CONFIG is empty, then stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: { ...process.env, LOGSIFT_CONFIG: '', PORT: '0', HOST: '127.0.0.1', LOGSIFT_OPEN: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    onTestFinished(() => {
      if (child.exitCode === null) child.kill('SIGKILL');
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /Logsift on (http:\/\/localhost:\d+\/)/.exec(out);
        if (match?.[1]) resolve(match[1]);
      });
      void exited.then((code) => reject(new Error(`exited ${code} before listening: ${out}`)));
    });
    const datasources = (await (await fetch(`${url}api/v1/datasources`)).json()) as unknown[];
    expect(datasources).toEqual([expect.objectContaining({ id: 'local', kind: 'local' })]);
    expect((await fetch(`${url}readyz`)).status).toBe(200);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 30_000);
});
