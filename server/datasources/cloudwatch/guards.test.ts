import { describe, expect, it } from 'vitest';
import { LogsiftError } from '../../../model';
import { failure } from '../testing';
import { AnswerCache } from './answerCache';
import { growingDelays, withRetry } from './backoff';
import { ScanBudget } from './budget';
import { Coalescer } from './coalesce';
import { CloudWatchDatasourceConfigSchema } from './config';
import { cloudWatchError, isRetried, statusError } from './errors';
import { QuerySlots } from './querySlots';

const GIB = 2 ** 30;

describe('backoff', () => {
  it('polls at growing intervals up to the maximum', () => {
    const delays = growingDelays(250, 1.5, 1_000);
    expect(Array.from({ length: 6 }, () => delays.next().value)).toEqual([
      250, 375, 562.5, 843.75, 1_000, 1_000,
    ]);
  });

  it('retries throttling with doubling waits, then gives the last error', async () => {
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    const at: number[] = [];
    const start = Date.now();
    const error = await failure(
      withRetry(
        () => {
          at.push(Date.now() - start);
          return Promise.reject(throttled);
        },
        { attempts: 3, initialMs: 20 },
        isRetried,
        AbortSignal.timeout(5_000),
        () => 0,
      ),
    );
    expect(error).toBe(throttled);
    expect(at).toHaveLength(4);
    // 20, 40, 80 ms between tries.
    expect((at[3] ?? 0) - (at[0] ?? 0)).toBeGreaterThanOrEqual(135);
  });

  it('does not retry what a retry cannot fix', async () => {
    let tries = 0;
    const malformed = Object.assign(new Error('bad'), { name: 'MalformedQueryException' });
    await failure(
      withRetry(
        () => {
          tries++;
          return Promise.reject(malformed);
        },
        { attempts: 3, initialMs: 1 },
        isRetried,
        AbortSignal.timeout(5_000),
      ),
    );
    expect(tries).toBe(1);
  });
});

describe('error mapping', () => {
  const aws = (name: string, message: string, status = 400, extra = {}) => ({
    name,
    message,
    $metadata: { httpStatusCode: status },
    ...extra,
  });

  it('points a MalformedQueryException into the user query, past Logsift text before it', () => {
    const sent = { text: 'fields @timestamp\n| filter x = "a', offset: 20, length: 14 };
    const e = cloudWatchError(
      aws('MalformedQueryException', 'unexpected symbol', 400, {
        queryCompileError: { location: { startCharOffset: 31, endCharOffset: 33 }, message: 'x' },
      }),
      'StartQuery',
      sent,
    );
    expect([e.code, e.position]).toEqual(['bad_query', { from: 11, to: 13 }]);
    const lined = cloudWatchError(
      aws('MalformedQueryException', 'unexpected symbol found bad at line 2 and position 3'),
      'StartQuery',
      sent,
    );
    expect(lined.position).toEqual({ from: 0, to: 1 });
  });

  it('maps limits, credentials and access to their codes with clear words', () => {
    const limit = cloudWatchError(
      aws('LimitExceededException', 'Account maximum query concurrency limit of [30] reached.'),
      'StartQuery',
    );
    expect(limit.code).toBe('limit');
    expect(limit.message).toContain('concurrent queries');
    const expired = cloudWatchError(aws('ExpiredTokenException', 'expired', 400), 'StartQuery');
    expect(expired.code).toBe('forbidden');
    expect(expired.message).toContain('credentials');
    const denied = cloudWatchError(aws('AccessDeniedException', 'no', 403), 'StartQuery');
    expect([denied.code, denied.message]).toEqual([
      'forbidden',
      'CloudWatch Logs denied StartQuery (AccessDeniedException): the IAM role needs logs:StartQuery on these log groups. AWS said: no',
    ]);
    const down = cloudWatchError(
      Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
      'StartQuery',
    );
    expect(down.code).toBe('backend_unavailable');
  });

  it('explains each terminal status that is not Complete', () => {
    expect(statusError('Failed').code).toBe('backend_unavailable');
    expect(statusError('Timeout').message).toContain('60-minute');
    expect(statusError('Cancelled').message).toContain('cancelled');
    expect(statusError('Unknown').message).toContain('Unknown');
  });
});

describe('scan budget', () => {
  it('allows the smaller of the per-query budget and what is left today, per user', () => {
    let now = Date.UTC(2026, 10, 25, 23, 0);
    const budget = new ScanBudget(10 * GIB, 25 * GIB, () => now);
    expect(budget.allowance('ann')).toEqual({ bytes: 10 * GIB, which: 'query' });
    budget.charge('ann', 20 * GIB);
    expect(budget.allowance('ann')).toEqual({ bytes: 5 * GIB, which: 'day' });
    expect(budget.allowance('bob').bytes).toBe(10 * GIB);
    budget.charge('ann', 5 * GIB);
    expect(() => budget.allowance('ann')).toThrow(/daily CloudWatch scan budget of 25 GiB for ann/);
    now += 2 * 3_600_000;
    expect(budget.allowance('ann').bytes).toBe(10 * GIB);
  });

  it('says which budget stopped a query and what is left', () => {
    const budget = new ScanBudget(GIB, 10 * GIB);
    expect(budget.exceeded('ann', 'query', 1.5 * GIB).message).toBe(
      'the query was stopped after scanning 1.5 GiB, past the per-query CloudWatch scan budget of 1.0 GiB; narrow the time range or the log groups',
    );
  });

  it('reads sizes as people write them in the config', () => {
    const config = CloudWatchDatasourceConfigSchema.parse({
      id: 'cw',
      kind: 'cloudwatch',
      region: 'eu-west-1',
      logGroups: ['/a'],
      budget: { perQueryBytes: '500 MiB', perUserPerDayBytes: '2 GB' },
    });
    expect(config.budget).toEqual({ perQueryBytes: 500 * 2 ** 20, perUserPerDayBytes: 2e9 });
    expect(config.poll.initialMs).toBeLessThanOrEqual(500);
  });
});

describe('answer cache', () => {
  it('answers within its time to live, drops the least recently used past its size', () => {
    let now = 0;
    const cache = new AnswerCache<string>(1_000, 2, () => now);
    cache.set('a', 'A');
    cache.set('b', 'B');
    expect(cache.get('a')).toBe('A');
    cache.set('c', 'C');
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual(['A', undefined, 'C']);
    now = 1_000;
    expect(cache.get('a')).toBeUndefined();
  });
});

describe('coalescing', () => {
  it('runs identical queries once, and cancels only when every caller left', async () => {
    const coalescer = new Coalescer<string, number>();
    let starts = 0;
    let cancelled = false;
    let finish: (value: string) => void = () => undefined;
    const start = (signal: AbortSignal, progress: (p: number) => void) => {
      starts++;
      signal.addEventListener('abort', () => (cancelled = true));
      progress(1);
      return new Promise<string>((resolve) => (finish = resolve));
    };
    const a = new AbortController();
    const b = new AbortController();
    const heard: number[] = [];
    const first = coalescer.run('k', start, a.signal);
    const second = coalescer.run('k', start, b.signal, (p) => heard.push(p));
    expect([starts, coalescer.callers('k'), heard]).toEqual([1, 2, [1]]);
    a.abort();
    expect((await failure(first)).code).toBe('timeout');
    expect(cancelled).toBe(false);
    finish('answer');
    expect(await second).toBe('answer');

    const c = new AbortController();
    const third = coalescer.run('k', start, c.signal);
    expect(starts).toBe(2);
    c.abort();
    await failure(third);
    expect(cancelled).toBe(true);
  });

  it('starts anew for a caller who comes while the run everyone left is still stopping', async () => {
    const coalescer = new Coalescer<string, number>();
    const stopping: (() => void)[] = [];
    let starts = 0;
    // As the runner's: a cancelled run ends only once its StopQuery has come back.
    const start = (signal: AbortSignal) => {
      const n = ++starts;
      return new Promise<string>((resolve, reject) => {
        signal.addEventListener('abort', () => stopping.push(() => reject(new Error('stopped'))));
        setTimeout(() => resolve(`answer ${n}`), 20);
      });
    };
    const left = new AbortController();
    const first = coalescer.run('k', start, left.signal);
    left.abort();
    await failure(first);
    const again = coalescer.run('k', start, AbortSignal.timeout(5_000));
    for (const stop of stopping) stop();
    expect(await again).toBe('answer 2');
    expect(coalescer.callers('k')).toBe(0);
  });
});

describe('query slots', () => {
  it('runs at most its size, tells the waiting their places, and lets the aborted leave', async () => {
    const slots = new QuerySlots(1);
    const places: Record<string, number[]> = { b: [], c: [] };
    const releaseA = await slots.acquire(AbortSignal.timeout(5_000), () => undefined);
    const bLeaves = new AbortController();
    const b = slots.acquire(bLeaves.signal, (p) => places.b?.push(p));
    const c = slots.acquire(AbortSignal.timeout(5_000), (p) => places.c?.push(p));
    expect([slots.active, slots.queued]).toEqual([1, 2]);
    bLeaves.abort();
    expect(await failure(b)).toBeInstanceOf(LogsiftError);
    releaseA();
    const releaseC = await c;
    expect(places).toEqual({ b: [1], c: [2, 1] });
    expect([slots.active, slots.queued]).toEqual([1, 0]);
    releaseC();
    releaseC();
    expect(slots.active).toBe(0);
  });
});
