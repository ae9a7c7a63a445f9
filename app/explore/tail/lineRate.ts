/** Lines a second over a moving window of arrivals, so one burst does not read as a rate. */
export class LineRate {
  private readonly arrivals: { atMs: number; lines: number }[] = [];

  constructor(
    private sinceMs: number,
    private readonly windowMs = 5_000,
  ) {}

  add(atMs: number, lines: number): void {
    this.arrivals.push({ atMs, lines });
    this.prune(atMs);
  }

  reset(nowMs: number): void {
    this.arrivals.length = 0;
    this.sinceMs = nowMs;
  }

  perSecond(nowMs: number): number {
    this.prune(nowMs);
    const lines = this.arrivals.reduce((n, a) => n + a.lines, 0);
    // A tail open for two seconds has two seconds of lines, not five.
    const spanMs = Math.min(this.windowMs, Math.max(1_000, nowMs - this.sinceMs));
    return (lines * 1_000) / spanMs;
  }

  private prune(nowMs: number): void {
    let old = 0;
    while (old < this.arrivals.length && (this.arrivals[old]?.atMs ?? 0) <= nowMs - this.windowMs) {
      old++;
    }
    if (old > 0) this.arrivals.splice(0, old);
  }
}
