import { describe, expect, it } from 'vitest';
import { detectLevel } from '../../../logs/detectLevel';
import { DAY_MS, incidentWindow, ShopGenerator, type GeneratedStream } from './generate';

const NOW = Date.UTC(2026, 10, 24, 12, 0, 0);
const shop = (lines = 20_000): GeneratedStream[] => new ShopGenerator(42, NOW).history(lines);
const all = (streams: GeneratedStream[]) =>
  streams.flatMap((s) => s.entries.map((e) => ({ ...e, labels: s.labels })));

describe('ShopGenerator', () => {
  it('is deterministic for a seed and a start time', () => {
    expect(shop(5_000)).toEqual(shop(5_000));
    expect(new ShopGenerator(43, NOW).history(5_000)).not.toEqual(shop(5_000));
  });

  it('spreads about the asked number of lines over the last day, the newest at now', () => {
    const lines = all(shop());
    expect(lines.length).toBeGreaterThan(18_000);
    expect(lines.length).toBeLessThan(22_000);
    const times = lines.map((l) => l.ms);
    expect(Math.max(...times)).toBe(NOW);
    expect(Math.min(...times)).toBeGreaterThanOrEqual(NOW - DAY_MS);
    for (const s of shop()) {
      const ms = s.entries.map((e) => e.ms);
      expect(ms).toEqual([...ms].sort((a, b) => a - b));
    }
  });

  it('labels streams like a Kubernetes shop', () => {
    const streams = shop();
    const namespaces = new Set(streams.map((s) => s.labels['namespace']));
    expect([...namespaces].sort()).toEqual([
      'ingress-nginx',
      'kube-system',
      'monitoring',
      'payments',
      'shop',
    ]);
    for (const { labels } of streams) {
      expect(labels['job']).toBe(`${labels['namespace']}/${labels['app']}`);
      expect(labels['pod']).toMatch(new RegExp(`^${labels['app']}-[a-z0-9]{10}-[a-z0-9]{5}$`));
      expect(labels['container']).toBeTruthy();
    }
  });

  it('writes the formats a shop really has', () => {
    const lines = all(shop()).map((l) => l.line);
    const some = (re: RegExp) => lines.some((l) => re.test(l));
    expect(some(/^\{"level":"(info|debug|warn|error)","ts":\d+\.\d+,"caller"/)).toBe(true); // zap
    expect(some(/^\{"level":\d\d,"time":\d+,"pid":1/)).toBe(true); // pino
    expect(some(/^\{"time":"[^"]+","level":"(INFO|WARN|ERROR)","msg"/)).toBe(true); // slog
    expect(some(/^time=\S+ level=[A-Z]+ msg="/)).toBe(true); // logfmt
    expect(some(/^\d+\.\d+\.\d+\.\d+ - - \[\d\d\/\w{3}\/\d{4}:[\d:]+ \+0000\] "(GET|POST) /)).toBe(
      true,
    ); // ingress-nginx
    expect(some(/^\tat com\.shop\.payments\./)).toBe(true); // Java stack trace
    expect(some(/"apiVersion":"audit\.k8s\.io\/v1"/)).toBe(true);
    expect(lines.some((l) => l.includes('\u001b[32mINFO\u001b[0m'))).toBe(true); // ANSI colours
    expect(some(/trace_id/)).toBe(true);
  });

  it('tells the payments incident: errors burst 40 to 30 minutes ago', () => {
    const window = incidentWindow(NOW);
    const payments = all(shop(50_000)).filter((l) => l.labels['namespace'] === 'payments');
    const errorsPerMinute = (from: number, to: number) =>
      payments.filter((l) => l.ms >= from && l.ms < to && detectLevel(l.line) === 'error').length /
      ((to - from) / 60_000);
    const during = errorsPerMinute(window.from, window.to);
    const before = errorsPerMinute(NOW - 6 * 3_600_000, window.from);
    expect(during).toBeGreaterThan(10 * Math.max(before, 0.1));
  });

  it('keeps going live after the history, with new lines in the asked span', () => {
    const generator = new ShopGenerator(42, NOW);
    generator.history(1_000);
    const live = all(generator.live(NOW, NOW + 1_000, 5));
    expect(live.length).toBeGreaterThanOrEqual(5);
    for (const l of live) {
      expect(l.ms).toBeGreaterThanOrEqual(NOW);
      expect(l.ms).toBeLessThanOrEqual(NOW + 1_000);
    }
  });
});
