/**
 * How long an answer of the embedded engine is shared: shorter than Grafana's shortest
 * dashboard refresh (5 s), and a person cannot tell a two-second-old answer from a fresh one.
 * Many people opening the same view (a dashboard, Explore's default query over `now-24h`) then
 * cost one scan every two seconds instead of one each: the engine computes on the server's
 * only thread. One second measured 3× one user's p95 with 200 users on a loaded box.
 */
export const FRESH_MS = 2_000;
const MAX_ENTRIES = 64;
/**
 * A range ending this close to the present counts as reaching it: resolving `now` and getting
 * to the engine can take a while when the server is busy, and that must not turn sharing off
 * just when it is needed most.
 */
const PRESENT_MS = 10_000;

interface Entry {
  key: string;
  fromMs: number;
  toMs: number;
  /** When the computation started: the answer holds lines up to here, at most. */
  at: number;
  answer: Promise<unknown>;
}

/**
 * Answers of the embedded engine shared by identical requests: same method, query, options
 * and range. A range that reaches the present (`now-24h`..`now`, resolved anew by each
 * request) also matches when it has the same length and ends within FRESH_MS of it, so its
 * answer may miss the last FRESH_MS of lines; an absolute range in the past matches only
 * itself. Requests that arrive while the answer is being computed wait for it instead of
 * computing it again. Failed computations are forgotten at once. One instance per
 * datasource instance, so answers never cross datasources (or the groups they serve).
 */
export class SharedAnswers {
  private readonly entries: Entry[] = [];
  private sweep: NodeJS.Timeout | undefined;

  constructor(
    private readonly now: () => number = Date.now,
    private readonly freshMs = FRESH_MS,
  ) {}

  run<T>(
    key: string,
    range: { fromMs: number; toMs: number },
    compute: () => Promise<T>,
  ): { answer: Promise<T>; shared: boolean } {
    const now = this.now();
    this.forgetStale(now);
    const found = this.entries.find((e) => e.key === key && this.covers(e, range, now));
    if (found) return { answer: found.answer as Promise<T>, shared: true };
    const entry: Entry = {
      key,
      fromMs: range.fromMs,
      toMs: range.toMs,
      at: now,
      answer: Promise.resolve(),
    };
    const answer = compute();
    entry.answer = answer;
    answer.catch(() => {
      const i = this.entries.indexOf(entry);
      if (i >= 0) this.entries.splice(i, 1);
    });
    this.entries.push(entry);
    if (this.entries.length > MAX_ENTRIES) this.entries.shift();
    this.sweepLater();
    return { answer, shared: false };
  }

  /** Forgets every answer: the datasource is closing. */
  clear(): void {
    clearTimeout(this.sweep);
    this.sweep = undefined;
    this.entries.length = 0;
  }

  get size(): number {
    return this.entries.length;
  }

  private covers(entry: Entry, range: { fromMs: number; toMs: number }, now: number): boolean {
    if (entry.fromMs === range.fromMs && entry.toMs === range.toMs) return true;
    const reachesNow = entry.toMs >= entry.at - PRESENT_MS && range.toMs >= now - PRESENT_MS;
    return (
      reachesNow &&
      Math.abs(range.toMs - entry.toMs) <= this.freshMs &&
      range.toMs - range.fromMs === entry.toMs - entry.fromMs
    );
  }

  /** Big answers must not stay in memory after a busy moment because nobody asked since. */
  private sweepLater(): void {
    if (this.sweep) return;
    this.sweep = setTimeout(() => {
      this.sweep = undefined;
      this.forgetStale(this.now());
      if (this.entries.length > 0) this.sweepLater();
    }, this.freshMs + 1);
    this.sweep.unref();
  }

  private forgetStale(now: number): void {
    while (this.entries.length > 0 && now - (this.entries[0]?.at ?? now) > this.freshMs) {
      this.entries.shift();
    }
  }
}
