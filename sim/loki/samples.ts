import { loadCorpus } from '../../server/datasources/local/bundled';
import { SHOP_LINES, ShopGenerator } from '../../server/datasources/local/generator/generate';
import type { SimDatabase } from './database';

const REPLAY_MS = 1_000;

/**
 * Fills the samples with the local datasource's bundled corpus and generated shop, and keeps
 * the shop talking a few lines a second when `replay` is on. Returns what stops it.
 */
export async function loadSamples(
  db: SimDatabase,
  now: () => number,
  sampleScale: number,
  replay: boolean,
): Promise<() => void> {
  const started = now();
  const add = (labels: Record<string, string>, entries: Parameters<typeof db.samples.append>[1]) =>
    db.samples.append(db.indexLabels(labels), entries);
  for (const s of await loadCorpus(started)) add(s.labels, s.entries);
  const shop = new ShopGenerator(42, started);
  for (const s of shop.history(Math.round(SHOP_LINES * sampleScale))) add(s.labels, s.entries);
  if (!replay) return () => undefined;
  let last = started;
  const timer = setInterval(() => {
    const until = now();
    for (const s of shop.live(last, until, 2 + Math.floor(Math.random() * 4))) {
      add(s.labels, s.entries);
    }
    last = until;
  }, REPLAY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
