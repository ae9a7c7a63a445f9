import type { ApiErrorBody, LogRecord, TailMessage } from '../../../model';
import { LineRate } from './lineRate';
import { Ring } from './ring';

export const TAIL_KEEP = 10_000;

/** What the page shows of a tail, as of one flush. */
export interface TailView {
  /** Oldest first, at most TAIL_KEEP: the list draws the newest at the bottom. */
  records: LogRecord[];
  paused: boolean;
  /** Lines that arrived while paused; a resume shows them (the newest TAIL_KEEP of them). */
  pending: number;
  /** Lines the server or the backend dropped because this reader fell behind. */
  dropped: number;
  linesPerSecond: number;
  error: ApiErrorBody | undefined;
  /** The backend sent a sample, not every line (CloudWatch Live Tail past 500 lines a second). */
  sampled: boolean;
  /** How the tail runs when not the usual way (a polling fallback), from its last message. */
  warnings: string[];
}

/**
 * A live tail's lines and counters, kept apart from React: messages land here as they come,
 * and the page takes a `view()` at most once a frame, so a fast tail costs one copy of the
 * shown lines per flush rather than per message.
 */
export class TailController {
  private readonly shown: Ring<LogRecord>;
  private readonly held: Ring<LogRecord>;
  private readonly rate: LineRate;
  private paused = false;
  private pending = 0;
  private dropped = 0;
  private error: ApiErrorBody | undefined;
  private sampled = false;
  private warnings: string[] = [];
  private records: LogRecord[] = [];
  private recordsStale = false;

  constructor(nowMs: number, keep = TAIL_KEEP) {
    this.shown = new Ring(keep);
    this.held = new Ring(keep);
    this.rate = new LineRate(nowMs);
  }

  receive(message: TailMessage, nowMs: number): void {
    if (message.type === 'dropped') {
      this.dropped += message.count;
      return;
    }
    if (message.type === 'error') {
      this.error = message.error;
      return;
    }
    this.error = undefined;
    this.rate.add(nowMs, message.records.length);
    if (message.sampled !== undefined) this.sampled = message.sampled;
    if (message.warnings !== undefined) this.warnings = message.warnings;
    if (this.paused) {
      for (const r of message.records) this.held.push(r);
      this.pending += message.records.length;
      return;
    }
    for (const r of message.records) this.shown.push(r);
    if (message.records.length > 0) this.recordsStale = true;
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    if (this.held.size > 0) {
      for (const r of this.held.toArray()) this.shown.push(r);
      this.recordsStale = true;
    }
    this.held.clear();
    this.pending = 0;
  }

  clear(nowMs: number): void {
    this.shown.clear();
    this.held.clear();
    this.pending = 0;
    this.dropped = 0;
    this.rate.reset(nowMs);
    this.recordsStale = true;
  }

  /** The same `records` array until lines are added or cleared, so the list re-renders only then. */
  view(nowMs: number): TailView {
    if (this.recordsStale) {
      this.records = this.shown.toArray();
      this.recordsStale = false;
    }
    return {
      records: this.records,
      paused: this.paused,
      pending: this.pending,
      dropped: this.dropped,
      linesPerSecond: this.rate.perSecond(nowMs),
      error: this.error,
      sampled: this.sampled,
      warnings: this.warnings,
    };
  }
}
