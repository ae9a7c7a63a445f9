import { describe, expect, it } from 'vitest';
import { FRESH_MS, SharedAnswers } from './sharedAnswers';

const NOW = Date.UTC(2026, 10, 24, 12, 0, 0);
const DAY = 86_400_000;

function counting() {
  let clock = NOW;
  let computed = 0;
  const answers = new SharedAnswers(() => clock);
  const ask = (key: string, fromMs: number, toMs: number) =>
    answers.run(key, { fromMs, toMs }, () => Promise.resolve(++computed));
  return {
    answers,
    ask,
    advance: (ms: number) => (clock += ms),
    computed: () => computed,
  };
}

describe('shared answers of the embedded engine', () => {
  it('shares an identical request and keeps different ones apart', async () => {
    const t = counting();
    const first = t.ask('q a', NOW - DAY, NOW);
    const again = t.ask('q a', NOW - DAY, NOW);
    const other = t.ask('q b', NOW - DAY, NOW);
    const longer = t.ask('q a', NOW - 2 * DAY, NOW);
    expect([first.shared, again.shared, other.shared, longer.shared]).toEqual([
      false,
      true,
      false,
      false,
    ]);
    expect(await again.answer).toBe(await first.answer);
    expect(t.computed()).toBe(3);
  });

  it('lets a range reaching now, resolved within FRESH_MS, share; not later', async () => {
    const t = counting();
    t.ask('q', NOW - DAY, NOW);
    t.advance(FRESH_MS / 2);
    const soon = t.ask('q', NOW - DAY + FRESH_MS / 2, NOW + FRESH_MS / 2);
    expect(soon.shared).toBe(true);
    expect(await soon.answer).toBe(1);
    t.advance(FRESH_MS);
    const late = t.ask('q', NOW - DAY + 1.5 * FRESH_MS, NOW + 1.5 * FRESH_MS);
    expect(late.shared).toBe(false);
    expect(await late.answer).toBe(2);
  });

  it('forgets an answer after the freshness window, even for the very same range', async () => {
    const t = counting();
    t.ask('q', NOW - DAY, NOW);
    t.advance(FRESH_MS + 1);
    const again = t.ask('q', NOW - DAY, NOW);
    expect(again.shared).toBe(false);
    expect(t.computed()).toBe(2);
    expect(t.answers.size).toBe(1);
  });

  it('matches an absolute range in the past only exactly', () => {
    const t = counting();
    const from = NOW - 3 * DAY;
    const to = NOW - 2 * DAY;
    t.ask('q', from, to);
    expect(t.ask('q', from + 500, to + 500).shared).toBe(false);
    expect(t.ask('q', from, to).shared).toBe(true);
  });

  it('lets requests arriving while the answer is computed wait for it (one computation)', async () => {
    const answers = new SharedAnswers(() => NOW);
    let computed = 0;
    let finish: (n: number) => void = () => undefined;
    const compute = () => {
      computed++;
      return new Promise<number>((resolve) => (finish = resolve));
    };
    const first = answers.run('q', { fromMs: NOW - DAY, toMs: NOW }, compute);
    const second = answers.run('q', { fromMs: NOW - DAY, toMs: NOW }, compute);
    finish(42);
    expect(await Promise.all([first.answer, second.answer])).toEqual([42, 42]);
    expect([computed, second.shared]).toEqual([1, true]);
  });

  it('forgets a failed computation at once, so the next request computes again', async () => {
    const answers = new SharedAnswers(() => NOW);
    const range = { fromMs: NOW - DAY, toMs: NOW };
    const failed = answers.run('q', range, () => Promise.reject(new Error('timeout')));
    await expect(failed.answer).rejects.toThrow('timeout');
    const retried = answers.run('q', range, () => Promise.resolve(7));
    expect(retried.shared).toBe(false);
    expect(await retried.answer).toBe(7);
  });

  it('lets go of answers once they are stale, even when nobody asks again', async () => {
    const answers = new SharedAnswers(Date.now, 20);
    answers.run('q', { fromMs: 0, toMs: 1 }, () => Promise.resolve('big'));
    expect(answers.size).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(answers.size).toBe(0);
  });
});
