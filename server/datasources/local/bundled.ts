import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Entry } from './store';
import { decodeLine, PartialJoiner } from './files/envelope';
import { Random } from './generator/random';
import type { GeneratedStream } from './generator/generate';

export const SAMPLES_DIR = fileURLToPath(new URL('./samples', import.meta.url));
const HOUR = 3_600_000;

/** fluent-bit test data names files <namespace>_<pod>_<container>.log, as kubelet does. */
function nameLabels(file: string): Record<string, string> {
  const stem = file.replace(/\.log$/, '');
  if (!stem.startsWith('fluentbit_') || stem.includes('avro')) return {};
  const parts = stem.replace(/^fluentbit_(old_)?/, '').split('_');
  if (parts.length < 3) return {};
  const [namespace, ...rest] = parts;
  const container = rest.pop();
  return namespace && container ? { namespace, pod: rest.join('_'), container } : {};
}

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(path)));
    else if (/\.(log|json|out)$/.test(entry.name)) out.push(path);
  }
  return out.sort();
}

/**
 * The real corpus lines, one stream per file. Their own timestamps are years old, so each
 * file is re-timed in order over a stretch of the last day, keeping sub-millisecond digits.
 */
export async function loadCorpus(now: number, seed = 7): Promise<GeneratedStream[]> {
  const random = new Random(seed);
  const streams: GeneratedStream[] = [];
  for (const path of await listFiles(SAMPLES_DIR)) {
    const file = relative(SAMPLES_DIR, path);
    const [job = 'samples'] = file.split('/');
    const joiner = new PartialJoiner();
    const decoded = [];
    let labels: Record<string, string> = {};
    for (const raw of (await readFile(path, 'utf8')).split('\n')) {
      if (raw.trim() === '') continue;
      const line = joiner.push(decodeLine(raw));
      if (!line) continue;
      if (line.labels) labels = { ...line.labels, ...labels };
      decoded.push(line);
    }
    const span = Math.min(decoded.length * 5 * 60_000, 20 * HOUR);
    const start = now - span - random.next() * 3 * HOUR;
    const entries: Entry[] = decoded.map((d, i) => ({
      ms: Math.floor(start + (i * span) / Math.max(1, decoded.length)),
      subNs: d.time?.subNs ?? 0,
      line: d.line,
      dropped: d.dropped,
    }));
    streams.push({
      labels: {
        job,
        filename: file.split('/').pop() ?? file,
        ...nameLabels(file.split('/').pop() ?? ''),
        ...labels,
      },
      entries,
    });
  }
  return streams;
}
