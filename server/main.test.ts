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

  const start = (dataDir: string) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: {
        ...process.env,
        LOGSIFT_CONFIG: '',
        LOGSIFT_DATA_DIR: dataDir,
        PORT: '0',
        HOST: '127.0.0.1',
        LOGSIFT_OPEN: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    onTestFinished(() => {
      if (child.exitCode === null) child.kill('SIGKILL');
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    const url = new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /Logsift on (http:\/\/localhost:\d+\/)/.exec(out);
        if (match?.[1]) resolve(match[1]);
      });
      void exited.then((code) => reject(new Error(`exited ${code} before listening: ${out}`)));
    });
    return { child, exited, url };
  };

  it('starts on the embedded samples when LOGSIFT_CONFIG is empty, then stops cleanly on SIGTERM', async () => {
    const { child, exited, url: listening } = start(mkdtempSync(join(tmpdir(), 'logsift-data-')));
    const url = await listening;
    const datasources = (await (await fetch(`${url}api/v1/datasources`)).json()) as unknown[];
    expect(datasources).toEqual([expect.objectContaining({ id: 'local', kind: 'local' })]);
    expect((await fetch(`${url}readyz`)).status).toBe(200);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 30_000);

  it('starts with an unwritable data directory: Explore answers, saved objects say why not', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'logsift-data-')), 'a-file');
    writeFileSync(file, '');
    const { child, exited, url: listening } = start(join(file, 'data'));
    const url = await listening;
    expect((await fetch(`${url}api/v1/datasources`)).status).toBe(200);
    const ready = await fetch(`${url}readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'degraded', unavailable: ['storage'] });
    const saved = await fetch(`${url}api/v1/saved-queries`);
    expect(saved.status).toBe(503);
    expect(((await saved.json()) as { error: { message: string } }).error.message).toContain(
      'ENOTDIR',
    );
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 30_000);
});
