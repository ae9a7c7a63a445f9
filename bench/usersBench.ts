import { mkdtempSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { FRESH_MS } from '../server/datasources/local/sharedAnswers';
import { memoryMb, startServer, waitFor } from './processes';
import { percentile } from './stats';

/**
 * Many people on one Logsift at once, each running Explore's queries against the embedded
 * datasource through the real HTTP server (the BFF in its own process, 2 cores shared with the
 * load generator). Target (issue 8): with 200 users, p95 ≤ 2× one user's, no errors.
 */
const PORT = 18_175;
const USERS = 200;
const SINGLE_RUNS = 32;
/**
 * One user alone gains nothing from answers shared between identical requests (FRESH_MS):
 * their next query comes after a look at the answer. Waiting past that window makes each of
 * their queries computed, as it would be for a person alone.
 */
const SINGLE_PAUSE_MS = FRESH_MS + 200;
const BURST_ROUNDS = 3;
/** Users and seconds of each steady run. */
const STEADY: [number, number][] = [
  [10, 30],
  [25, 30],
  [50, 30],
  [USERS, 60],
];
/** A person reads the answer before the next query: uniform between these, in ms. */
const THINK_MS: [number, number] = [2_000, 8_000];

/** What Explore sends for one view, in the order a user's queries cycle through them. */
const REQUESTS: { path: string; body: Record<string, unknown> }[] = [
  {
    path: 'query',
    body: { language: 'logql', query: '{namespace="shop"} |= "error"', limit: 1000 },
  },
  { path: 'histogram', body: { language: 'logql', query: '{namespace="shop"} |= "error"' } },
  { path: 'query', body: { language: 'logql', query: '{job=~".+"} | json | level="warn"' } },
  { path: 'facets', body: { language: 'logql', query: '{namespace="shop"}' } },
];

interface Sample {
  ms: number;
  error?: string;
}

async function ask(i: number): Promise<Sample> {
  const { path, body } = REQUESTS[i % REQUESTS.length]!;
  const started = performance.now();
  try {
    const res = await fetch(`http://127.0.0.1:${PORT}/api/v1/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ datasource: 'local', from: 'now-24h', to: 'now', ...body }),
    });
    const text = await res.text();
    const ms = performance.now() - started;
    if (res.status !== 200) {
      const code = (JSON.parse(text) as { error?: { code?: string } }).error?.code;
      return { ms, error: `${res.status} ${code ?? ''}`.trim() };
    }
    return { ms };
  } catch (error) {
    return { ms: performance.now() - started, error: (error as Error).message };
  }
}

function summary(samples: Sample[]): { p50: number; p95: number; line: string } {
  const ok = samples.filter((s) => !s.error).map((s) => s.ms);
  const times = samples.map((s) => s.ms).sort((a, b) => a - b);
  ok.sort((a, b) => a - b);
  const errors = new Map<string, number>();
  for (const s of samples) if (s.error) errors.set(s.error, (errors.get(s.error) ?? 0) + 1);
  const p50 = percentile(times, 50);
  const p95 = percentile(times, 95);
  const errorText =
    errors.size === 0
      ? 'no errors'
      : `${samples.length - ok.length} errors (${[...errors].map(([e, n]) => `${n}× ${e}`).join(', ')})`;
  return {
    p50,
    p95,
    line: `p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, ${samples.length} requests, ${errorText}`,
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const think = () => THINK_MS[0] + Math.random() * (THINK_MS[1] - THINK_MS[0]);

/** How often a kubelet-like prober asks `/readyz` during a steady run. */
const PROBE_EVERY_MS = 500;

async function probe(): Promise<Sample> {
  const started = performance.now();
  try {
    const res = await fetch(`http://127.0.0.1:${PORT}/readyz`);
    await res.text();
    const ms = performance.now() - started;
    return res.status === 200 ? { ms } : { ms, error: String(res.status) };
  } catch (error) {
    return { ms: performance.now() - started, error: (error as Error).message };
  }
}

/**
 * `users` people for `seconds`, each thinking between queries: every answer's time, and the
 * time of each readiness probe asked meanwhile (a pod whose probes time out leaves the Service).
 */
async function steady(
  users: number,
  seconds: number,
): Promise<{ samples: Sample[]; probes: Sample[] }> {
  const samples: Sample[] = [];
  const probes: Sample[] = [];
  const until = performance.now() + seconds * 1000;
  const prober = async () => {
    while (performance.now() < until) {
      probes.push(await probe());
      await sleep(PROBE_EVERY_MS);
    }
  };
  await Promise.all([
    prober(),
    ...Array.from({ length: users }, async (_, u) => {
      await sleep(Math.random() * THINK_MS[1]);
      for (let i = u; performance.now() < until; i++) {
        samples.push(await ask(i));
        await sleep(think());
      }
    }),
  ]);
  return { samples, probes };
}

export async function benchUsers(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'logsift-bench-users-'));
  const config = join(dir, 'logsift.yaml');
  writeFileSync(config, 'datasources:\n  - id: local\n    kind: local\n    replay: false\n');
  const bff = startServer({
    PORT: String(PORT),
    HOST: '127.0.0.1',
    LOGSIFT_CONFIG: config,
    LOGSIFT_DATA_DIR: dir,
    LOGSIFT_OPEN: '0',
  });
  const out: string[] = [];
  try {
    await waitFor(`http://127.0.0.1:${PORT}/readyz`);
    for (let i = 0; i < REQUESTS.length * 2; i++) await ask(i);

    const single: Sample[] = [];
    for (let i = 0; i < SINGLE_RUNS; i++) {
      await sleep(SINGLE_PAUSE_MS);
      single.push(await ask(i));
    }
    const one = summary(single);
    out.push(`users: 1 user, ${SINGLE_PAUSE_MS / 1000} s between queries:      ${one.line}`);

    const burst: Sample[] = [];
    for (let round = 0; round < BURST_ROUNDS; round++) {
      burst.push(...(await Promise.all(Array.from({ length: USERS }, (_, u) => ask(u + round)))));
    }
    const all = summary(burst);
    out.push(`users: ${USERS} users at the same instant ×${BURST_ROUNDS}:    ${all.line}`);

    // Where the ratio holds: fewer users first, then the issue's 200.
    let many = one;
    for (const [users, seconds] of STEADY) {
      const { samples, probes } = await steady(users, seconds);
      many = summary(samples);
      const rate = (samples.length / seconds).toFixed(1);
      const ready = probes.map((p) => p.ms).sort((a, b) => a - b);
      const failed = probes.filter((p) => p.error).length;
      out.push(
        `users: ${String(users).padStart(3)} users, ${THINK_MS[0] / 1000}–${THINK_MS[1] / 1000} s between queries, ${seconds} s (${rate} req/s): ${many.line}; p95 ${(many.p95 / one.p95).toFixed(2)}× one user's; /readyz p95 ${percentile(ready, 95).toFixed(1)} ms, max ${(ready.at(-1) ?? 0).toFixed(1)} ms, ${failed} of ${probes.length} failed`,
      );
    }
    out.push(
      `users: p95 ratio ${USERS} users / 1 user: ${(many.p95 / one.p95).toFixed(2)}× (target ≤ 2×); all at the same instant ${(all.p95 / one.p95).toFixed(2)}×; BFF peak RSS ${memoryMb(bff.pid).peak.toFixed(0)} MB; load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
  } finally {
    bff.kill('SIGTERM');
  }
  return out;
}
