import { spawn, spawnSync } from 'node:child_process';
import { describe, expect, it, onTestFinished } from 'vitest';

describe('sim/main.ts', () => {
  it('refuses an unknown kind with the usage, exit code 2', { timeout: 70_000 }, () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'sim/main.ts', 'splunk'], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('unknown kind "splunk"');
    expect(run.stderr).toContain('usage: npm run sim -- <kind>');
  });

  it('serves Loki on loopback, logs its URL and stops on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'sim/main.ts', 'loki', '--port', '0', '--sample-scale', '0'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    onTestFinished(() => {
      if (child.exitCode === null) child.kill('SIGKILL');
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /loki simulator on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (match?.[1]) resolve(match[1]);
      });
      void exited.then((code) => reject(new Error(`exited ${code} before listening: ${out}`)));
    });
    const ready = await fetch(`${url}/ready`);
    expect(await ready.text()).toBe('ready\n');
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 30_000);
});
