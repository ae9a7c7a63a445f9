import type { Entry } from '../store';
import { FORMATS } from './formats';
import { Random } from './random';
import { buildPods, type Pod } from './shop';

export const DAY_MS = 86_400_000;
export const SHOP_LINES = 100_000;
const MINUTE = 60_000;
const LINES_PER_EVENT = 1.03;

/** The incident the samples tell: payments fails 40 to 30 minutes before start. */
export function incidentWindow(now: number): { from: number; to: number } {
  return { from: now - 40 * MINUTE, to: now - 30 * MINUTE };
}

export interface GeneratedStream {
  labels: Record<string, string>;
  entries: Entry[];
}

/** Picks a pod with its service's weight; payments grows louder during the incident. */
function podPicker(pods: Pod[], random: Random): (incident: boolean) => Pod {
  const table = (incident: boolean): number[] => {
    let sum = 0;
    return pods.map((p) => {
      const boost = incident && p.service.namespace === 'payments' ? 6 : 1;
      sum += (p.service.weight * boost) / p.service.replicas;
      return sum;
    });
  };
  const normal = table(false);
  const during = table(true);
  return (incident) => {
    const cumulative = incident ? during : normal;
    const x = random.next() * (cumulative.at(-1) ?? 1);
    const index = cumulative.findIndex((c) => c >= x);
    return pods[index] ?? (pods[0] as Pod);
  };
}

export class ShopGenerator {
  private readonly random: Random;
  private readonly pods: Pod[];
  private readonly pick: (incident: boolean) => Pod;
  private readonly incident: { from: number; to: number };

  constructor(
    seed: number,
    private readonly now: number,
  ) {
    this.random = new Random(seed);
    this.pods = buildPods(this.random);
    this.pick = podPicker(this.pods, this.random);
    this.incident = incidentWindow(now);
  }

  /** One event at `ms`: usually one line, a stack trace is several with the same timestamp. */
  event(ms: number, into: Map<Pod, Entry[]>): number {
    const incident = ms >= this.incident.from && ms < this.incident.to;
    const pod = this.pick(incident);
    const lines = FORMATS[pod.service.format]({ random: this.random, ms, pod, incident });
    let list = into.get(pod);
    if (!list) into.set(pod, (list = []));
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] ?? '';
      // Reading a character makes V8 flatten the line's rope of template pieces now, while
      // those pieces are young garbage, instead of keeping ~30 objects a line until ingest.
      line.charCodeAt(line.length - 1);
      list.push({ ms, subNs: i * 1000 + this.random.int(0, 999), line });
    }
    return lines.length;
  }

  /** About `count` lines over the 24 hours before `now`, denser in the day than the night. */
  history(count: number): GeneratedStream[] {
    const into = new Map<Pod, Entry[]>();
    const start = this.now - DAY_MS;
    let ms = start;
    // Stack traces make an event several lines: space events so the day holds about `count`.
    const meanGap = (DAY_MS / count) * LINES_PER_EVENT;
    for (;;) {
      const hour = Math.floor(ms / 3_600_000) % 24;
      const busy = 0.6 + 0.8 * Math.sin(((hour - 6) / 24) * Math.PI * 2) ** 2;
      ms += (-Math.log(1 - this.random.next()) * meanGap) / busy;
      if (ms >= this.now) break;
      this.event(Math.floor(ms), into);
    }
    // The newest line is "now", so "last 5 minutes" is never empty at start.
    this.event(this.now, into);
    return this.streams(into);
  }

  /** The lines of the next few seconds, for the replay that keeps the samples alive. */
  live(from: number, to: number, count: number): GeneratedStream[] {
    const into = new Map<Pod, Entry[]>();
    for (let i = 0; i < count; i++)
      this.event(Math.floor(from + this.random.next() * (to - from)), into);
    for (const entries of into.values()) entries.sort((a, b) => a.ms - b.ms);
    return this.streams(into);
  }

  private streams(into: Map<Pod, Entry[]>): GeneratedStream[] {
    return [...into.entries()].map(([pod, entries]) => ({ labels: pod.labels, entries }));
  }
}
