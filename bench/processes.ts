import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expandSharedSets, type SharedSetsRecord } from '../model';
import { serverNodeArgs } from '../server/nodeFlags';
import { percentile } from './stats';

/** A TypeScript entry point in its own Node process, so its memory is measured alone. */
export function startProcess(args: string[], env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', ...args], {
    env: { ...process.env, ...env },
    stdio: 'ignore',
  });
}

/** Logsift's server in its own process, started as `npm start` and the image start it. */
export function startServer(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, serverNodeArgs(), {
    env: { ...process.env, ...env },
    stdio: 'ignore',
  });
}

/** Waits until `url` answers as `up` wants: OK, or any answer from a server with no health path. */
export async function waitFor(
  url: string,
  up: (res: Response) => boolean = (res) => res.ok,
): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (
      await fetch(url).then(
        (r) => up(r),
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not come up`);
}

/** Peak and current resident memory of a process, in MB, from /proc (Linux only). */
export function memoryMb(pid: number | undefined): { peak: number; now: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
    return { peak: kb('VmHWM') / 1024, now: kb('VmRSS') / 1024 };
  } catch {
    return { peak: NaN, now: NaN };
  }
}

export async function timed(fn: () => Promise<number>): Promise<{ ms: number; lines: number }> {
  const started = performance.now();
  const lines = await fn();
  return { ms: performance.now() - started, lines };
}

/**
 * POST /api/v1/query on a running BFF; the number of records answered. Shared sets are put in
 * place as Explore does, since that is part of reading such an answer.
 */
export async function viaLogsift(port: number, body: Record<string, unknown>): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${port}/api/v1/query`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const answer = (await res.json()) as {
    records?: SharedSetsRecord[];
    error?: { message: string };
  };
  if (!answer.records) throw new Error(answer.error?.message ?? `status ${res.status}`);
  return (body.sets === 'shared' ? expandSharedSets(answer.records) : answer.records).length;
}

export interface RatioRuns {
  /** What came back through Logsift, in its last run. */
  got: number;
  directP50: number;
  logsiftP50: number;
  /**
   * p50 of each round's own ratio. A round's two runs are back to back, so this follows the
   * machine's drift (a simulator growing its live data, a neighbour's load) less than the ratio
   * of the two p50s does.
   */
  roundRatioP50: number;
}

/** Both sides' one-time costs (the JIT, connections) paid before the rounds are timed. */
const WARM_UP_ROUNDS = 3;

/**
 * The same answer fetched directly and through Logsift, alternating so both see the same
 * machine; a few warm-up rounds first. p50s of `runs` rounds.
 */
export async function compareRuns(
  runs: number,
  direct: () => Promise<number>,
  logsift: () => Promise<number>,
): Promise<RatioRuns> {
  for (let i = 0; i < WARM_UP_ROUNDS; i++) {
    await timed(direct);
    await timed(logsift);
  }
  const d: number[] = [];
  const l: number[] = [];
  let got = 0;
  for (let i = 0; i < runs; i++) {
    d.push((await timed(direct)).ms);
    const t = await timed(logsift);
    l.push(t.ms);
    got = t.lines;
  }
  const rounds = d.map((ms, i) => (l[i] ?? NaN) / ms).sort((a, b) => a - b);
  d.sort((a, b) => a - b);
  l.sort((a, b) => a - b);
  return {
    got,
    directP50: percentile(d, 50),
    logsiftP50: percentile(l, 50),
    roundRatioP50: percentile(rounds, 50),
  };
}
