import { LEVELS } from '../../model';
import { detectLevel } from '../../server/logs/detectLevel';
import { loadCorpus } from '../../server/datasources/local/bundled';
import {
  SHOP_LINES,
  ShopGenerator,
  type GeneratedStream,
} from '../../server/datasources/local/generator/generate';
import { explicitMapping, type FieldType } from './mapping';
import { dayOf, type DataStream, type Index, type Store } from './store';

const REPLAY_MS = 1_000;

/** Fluent Bit's Elasticsearch output with its kubernetes filter, under an index template. */
export const FLUENTD_FIELDS: Record<string, FieldType> = {
  '@timestamp': 'date',
  log: 'text',
  stream: 'keyword',
  level: 'keyword',
  'kubernetes.namespace_name': 'keyword',
  'kubernetes.pod_name': 'keyword',
  'kubernetes.container_name': 'keyword',
  'kubernetes.host': 'keyword',
  'kubernetes.labels.app': 'keyword',
};

/** ECS names, as Elastic Agent's Kubernetes integration writes them into a data stream. */
export const ECS_FIELDS: Record<string, FieldType> = {
  '@timestamp': 'date',
  message: 'text',
  'log.level': 'keyword',
  stream: 'keyword',
  'kubernetes.namespace': 'keyword',
  'kubernetes.pod.name': 'keyword',
  'kubernetes.node.name': 'keyword',
  'kubernetes.labels.app': 'keyword',
  'container.name': 'keyword',
  'data_stream.type': 'keyword',
  'data_stream.dataset': 'keyword',
  'data_stream.namespace': 'keyword',
};

export const DATA_STREAM = 'logs-kubernetes.container_logs-default';

const UNKNOWN = LEVELS.length - 1;

/** The per-stream parts of a document, built once and shared by every line of the stream. */
interface StreamParts {
  fluentKubernetes: Record<string, unknown>;
  ecsKubernetes: Record<string, unknown>;
  container: Record<string, unknown> | undefined;
}

function compact(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined));
}

function streamParts(labels: Record<string, string>): StreamParts {
  const app = labels.app ? { app: labels.app } : undefined;
  return {
    fluentKubernetes: compact({
      namespace_name: labels.namespace,
      pod_name: labels.pod,
      container_name: labels.container,
      host: labels.node,
      labels: app,
    }),
    ecsKubernetes: compact({
      namespace: labels.namespace,
      pod: labels.pod ? { name: labels.pod } : undefined,
      node: labels.node ? { name: labels.node } : undefined,
      labels: app,
    }),
    container: labels.container ? { name: labels.container } : undefined,
  };
}

const DATA_STREAM_FIELDS = Object.freeze({
  type: 'logs',
  dataset: 'kubernetes.container_logs',
  namespace: 'default',
});
const LOG_LEVELS = LEVELS.map((level) => Object.freeze({ level }));

/** Both document families from the same lines, so a query can be checked against both. */
export class SampleWriter {
  private readonly parts = new Map<string, StreamParts>();
  private readonly stream: DataStream;

  constructor(private readonly store: Store) {
    this.stream = store.createDataStream(DATA_STREAM, explicitMapping(ECS_FIELDS));
  }

  write(streams: GeneratedStream[]): void {
    // Backing generations follow the days, as daily rollovers would have numbered them.
    const days = new Set(streams.flatMap((s) => s.entries.map((e) => dayOf(e.ms))));
    for (const day of [...days].sort()) this.store.backingIndex(this.stream, day);
    for (const { labels, entries } of streams) {
      const key = JSON.stringify(labels);
      let parts = this.parts.get(key);
      if (!parts) this.parts.set(key, (parts = streamParts(labels)));
      for (const entry of entries) {
        const level = LEVELS.indexOf(detectLevel(entry.line));
        const known = level !== UNKNOWN;
        const stream = level >= LEVELS.indexOf('warn') && known ? 'stderr' : 'stdout';
        const timestamp = new Date(entry.ms).toISOString();
        const day = dayOf(entry.ms);
        this.store.put(
          this.fluentIndex(day),
          compact({
            '@timestamp': timestamp,
            log: entry.line,
            stream,
            level: known ? LEVELS[level] : undefined,
            kubernetes: parts.fluentKubernetes,
          }),
          undefined,
          entry.ms,
        );
        this.store.put(
          this.store.backingIndex(this.stream, day),
          compact({
            '@timestamp': timestamp,
            message: entry.line,
            log: known ? LOG_LEVELS[level] : undefined,
            stream,
            kubernetes: parts.ecsKubernetes,
            container: parts.container,
            data_stream: DATA_STREAM_FIELDS,
          }),
          undefined,
          entry.ms,
        );
      }
    }
  }

  private fluentIndex(day: string): Index {
    const name = `fluentd-${day}`;
    return (
      this.store.indices.get(name) ?? this.store.createIndex(name, explicitMapping(FLUENTD_FIELDS))
    );
  }
}

/** Loads the corpus and the shop; with `replay`, keeps the shop talking. Returns what stops it. */
export async function loadSamples(
  store: Store,
  now: () => number,
  sampleScale: number,
  replay: boolean,
): Promise<() => void> {
  const started = now();
  const writer = new SampleWriter(store);
  writer.write(await loadCorpus(started));
  const shop = new ShopGenerator(42, started);
  writer.write(shop.history(Math.round(SHOP_LINES * sampleScale)));
  if (!replay) return () => undefined;
  let last = started;
  const timer = setInterval(() => {
    const until = now();
    writer.write(shop.live(last, until, 2 + Math.floor(Math.random() * 4)));
    last = until;
  }, REPLAY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
