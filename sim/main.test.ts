import { spawn, spawnSync } from 'node:child_process';
import { describe, expect, it, onTestFinished } from 'vitest';

/** Runs `sim/main.ts` with `args` and waits for the URL it logs. */
async function startMain(args: string[], kind: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'sim/main.ts', ...args], {
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
      const match = new RegExp(`${kind} simulator on (http://127\\.0\\.0\\.1:\\d+)`).exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    void exited.then((code) => reject(new Error(`exited ${code} before listening: ${out}`)));
  });
  return { child, url, exited };
}

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
    const { child, url, exited } = await startMain(
      ['loki', '--port', '0', '--sample-scale', '0'],
      'loki',
    );
    const ready = await fetch(`${url}/ready`);
    expect(await ready.text()).toBe('ready\n');
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 30_000);

  it('serves Elasticsearch, or OpenSearch with --flavor', async () => {
    const { child, url, exited } = await startMain(
      ['elasticsearch', '--port', '0', '--sample-scale', '0', '--flavor', 'opensearch'],
      'elasticsearch',
    );
    const root = (await (await fetch(url)).json()) as { version: { distribution?: string } };
    expect(root.version.distribution).toBe('opensearch');
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 30_000);

  it('serves CloudWatch Logs on AWS JSON 1.1, with a set latency', async () => {
    const { child, url, exited } = await startMain(
      ['cloudwatch', '--port', '0', '--sample-scale', '0', '--latency-ms', '50'],
      'cloudwatch',
    );
    const started = performance.now();
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'Logs_20140328.DescribeLogGroups',
        authorization:
          'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/logs/aws4_request, SignedHeaders=host, Signature=ab',
      },
      body: '{}',
    });
    expect(performance.now() - started).toBeGreaterThanOrEqual(45);
    const body = (await res.json()) as { logGroups: { logGroupName: string }[] };
    expect(body.logGroups.map((g) => g.logGroupName)).toContain(
      '/aws/containerinsights/logsift-shop/application',
    );
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 30_000);
});
