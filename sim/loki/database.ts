import type { Labels } from '../../model';
import { LogStore, type AppendListener, type Stream } from '../../server/datasources/local/store';
import { LokiHttpError } from './httpError';
import { detectedLevel, withServiceName } from './lokiLabels';

/** One pushed entry as Loki's JSON push carries it: `[ns, line, structuredMetadata?]`. */
export type PushValue = [ns: string, line: string, metadata?: Labels];

/** The stores one tenant reads, and where its pushes land. */
export interface TenantView {
  readonly stores: readonly LogStore[];
  push(labels: Labels, values: readonly PushValue[]): void;
  onAppend(listener: AppendListener): () => void;
}

const MAX_LINES = 5_000_000;

/**
 * The simulator's data: the bundled samples, which every tenant sees unless they belong to one
 * (`samplesTenant`), and what is pushed, kept apart per tenant when tenants are required (with
 * auth off Loki files everything under one tenant). Structured metadata lives beside the store, keyed by a line's ingest
 * number, since the local store has no column for it.
 */
export class SimDatabase {
  readonly samples = new LogStore(MAX_LINES);
  private readonly pushed = new Map<string, LogStore>();
  private readonly metadata = new WeakMap<Stream, Map<number, Labels>>();

  constructor(
    private readonly loki3: boolean,
    private readonly perTenant: boolean,
    private readonly samplesTenant?: string,
  ) {}

  /** Labels as Loki 3's distributor indexes them (2.9 keeps them as sent). */
  indexLabels(labels: Labels): Labels {
    return this.loki3 ? withServiceName(labels) : labels;
  }

  view(tenant: string): TenantView {
    const own = this.perTenant ? this.tenantStore(tenant) : this.samples;
    const seesSamples = this.samplesTenant === undefined || this.samplesTenant === tenant;
    const stores = own === this.samples ? [own] : seesSamples ? [this.samples, own] : [own];
    return {
      stores,
      push: (labels, values) => this.append(own, labels, values),
      onAppend(listener) {
        const stops = stores.map((s) => s.onAppend(listener));
        return () => stops.forEach((stop) => stop());
      },
    };
  }

  /** Pushed structured metadata and, on Loki 3, `detected_level`: what pipelines see first. */
  seed(stream: Stream, seq: number, level: number): Labels {
    const pushed = this.metadata.get(stream)?.get(seq);
    if (!this.loki3) return pushed ?? {};
    return { ...pushed, detected_level: detectedLevel(stream.labels, pushed ?? {}, level) };
  }

  private tenantStore(tenant: string): LogStore {
    let store = this.pushed.get(tenant);
    if (!store) this.pushed.set(tenant, (store = new LogStore(MAX_LINES)));
    return store;
  }

  private append(store: LogStore, labels: Labels, values: readonly PushValue[]): void {
    if (Object.keys(labels).length === 0) {
      throw new LokiHttpError(400, 'error at least one label pair is required per stream');
    }
    const stream = store.stream(this.indexLabels(labels));
    // Metadata is filed before the append so that tail listeners, called inside it, see it.
    let seq = stream.nextSeq;
    for (const [, , meta] of values) {
      if (meta && Object.keys(meta).length > 0) {
        let bySeq = this.metadata.get(stream);
        if (!bySeq) this.metadata.set(stream, (bySeq = new Map()));
        bySeq.set(seq, meta);
      }
      seq++;
    }
    store.append(
      stream.labels,
      values.map(([ns, line]) => {
        const n = BigInt(ns);
        return { ms: Number(n / 1_000_000n), subNs: Number(n % 1_000_000n), line };
      }),
    );
  }
}
