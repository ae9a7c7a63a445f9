import { randomBytes } from 'node:crypto';
import { indexNotFound } from './errors';
import { mapDynamically, type Mapping } from './mapping';

export interface Doc {
  readonly id: string;
  /** Store-wide ingest number: what a point in time compares against. */
  readonly seq: number;
  /** Ingest number of the write that deleted or replaced it. */
  deleted?: number;
  readonly source: Record<string, unknown>;
  /** `@timestamp` in epoch ms, parsed once, for sorting and ranges on the common case. */
  readonly ts: number | undefined;
  /** `_version`: 1, then one more each time the id is written again. */
  readonly version: number;
}

export interface Index {
  readonly name: string;
  readonly uuid: string;
  readonly mapping: Mapping;
  /** In ingest order: a doc's position is its Lucene doc id, the value `_doc` sorts by. */
  readonly docs: Doc[];
  readonly byId: Map<string, Doc>;
  readonly dataStream: string | undefined;
  readonly hidden: boolean;
}

export interface DataStream {
  readonly name: string;
  readonly timestampField: string;
  readonly backing: string[];
  /** The mapping its backing indices start from, as an index template gives. */
  readonly template: Mapping;
}

/** The indices a search reads and the instant it reads them at. */
export interface View {
  readonly indices: readonly Index[];
  readonly seq: number;
}

export function visible(doc: Doc, seq: number): boolean {
  return doc.seq < seq && (doc.deleted === undefined || doc.deleted >= seq);
}

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Elasticsearch's auto ids are 20 url-safe base64 characters. */
function autoId(seq: number): string {
  let id = '';
  let n = seq * 7919 + 104_729;
  for (let i = 0; i < 20; i++) {
    id += ID_ALPHABET[(n + i * 37) % 64];
    n = Math.floor(n / 3) + i * 131;
  }
  return id;
}

const days = new Map<number, string>();

/** `YYYY.MM.DD` of a UTC instant: the suffix of daily index names. */
export function dayOf(ms: number): string {
  const n = Math.floor(ms / 86_400_000);
  let day = days.get(n);
  if (!day)
    days.set(n, (day = new Date(n * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '.')));
  return day;
}

function globMatch(pattern: string, name: string): boolean {
  if (!pattern.includes('*')) return pattern === name;
  const parts = pattern.split('*');
  return new RegExp(
    `^${parts.map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`,
  ).test(name);
}

export interface Resolved {
  indices: Index[];
  dataStreams: DataStream[];
}

export class Store {
  readonly indices = new Map<string, Index>();
  readonly dataStreams = new Map<string, DataStream>();
  private nextSeq = 0;

  get seq(): number {
    return this.nextSeq;
  }

  createIndex(name: string, mapping: Mapping, dataStream?: string): Index {
    const index: Index = {
      name,
      uuid: randomBytes(16).toString('base64url').slice(0, 22),
      mapping,
      docs: [],
      byId: new Map(),
      dataStream,
      hidden: name.startsWith('.'),
    };
    this.indices.set(name, index);
    return index;
  }

  createDataStream(name: string, template: Mapping, timestampField = '@timestamp'): DataStream {
    const stream: DataStream = { name, timestampField, backing: [], template };
    this.dataStreams.set(name, stream);
    return stream;
  }

  /** The backing index for a day: one generation per day, as a daily rollover leaves them. */
  backingIndex(stream: DataStream, day: string): Index {
    const existing = stream.backing.find((name) => name.includes(`-${day}-`));
    if (existing) return this.indices.get(existing) as Index;
    const generation = String(stream.backing.length + 1).padStart(6, '0');
    const name = `.ds-${stream.name}-${day}-${generation}`;
    stream.backing.push(name);
    stream.backing.sort((a, b) => a.slice(-17).localeCompare(b.slice(-17)));
    return this.createIndex(name, new Map(stream.template), stream.name);
  }

  /** Indexes or replaces a document; `ts` is its `@timestamp` when the caller knows it. */
  put(index: Index, source: Record<string, unknown>, id?: string, ts?: number): Doc {
    const seq = this.nextSeq++;
    const previous = id === undefined ? undefined : index.byId.get(id);
    if (previous) previous.deleted = seq;
    const stamp = ts ?? timestampOf(source);
    const version = (previous?.version ?? 0) + 1;
    const doc: Doc = { id: id ?? autoId(seq), seq, source, ts: stamp, version };
    index.docs.push(doc);
    index.byId.set(doc.id, doc);
    return doc;
  }

  delete(index: Index, id: string): boolean {
    const doc = index.byId.get(id);
    if (!doc || doc.deleted !== undefined) return false;
    doc.deleted = this.nextSeq++;
    return true;
  }

  /** Dynamic mapping for what explicit mappings left out, as a bulk request would add. */
  mapNew(index: Index, source: Record<string, unknown>): void {
    mapDynamically(index.mapping, source);
  }

  view(indices: readonly Index[]): View {
    return { indices, seq: this.nextSeq };
  }

  /**
   * A comma-separated target as the search APIs resolve it: wildcards over open indices and
   * data streams (hidden ones only when the pattern starts with a dot), `-x` excludes,
   * data streams expand to their backing indices, a missing concrete name is a 404.
   */
  resolve(expression: string, ignoreUnavailable = false): Resolved {
    const indices = new Map<string, Index>();
    const streams = new Map<string, DataStream>();
    const parts = expression.split(',').filter((p) => p !== '');
    for (const [i, raw] of (parts.length > 0 ? parts : ['_all']).entries()) {
      const exclude = raw.startsWith('-') && i > 0;
      const part = exclude ? raw.slice(1) : raw;
      const pattern = part === '_all' ? '*' : part;
      const matched = this.match(pattern);
      if (!pattern.includes('*') && matched.indices.length + matched.dataStreams.length === 0) {
        if (exclude || ignoreUnavailable) continue;
        throw indexNotFound(pattern);
      }
      for (const stream of matched.dataStreams) {
        if (exclude) streams.delete(stream.name);
        else streams.set(stream.name, stream);
        for (const name of stream.backing) {
          const index = this.indices.get(name);
          if (!index) continue;
          if (exclude) indices.delete(name);
          else indices.set(name, index);
        }
      }
      for (const index of matched.indices) {
        if (exclude) indices.delete(index.name);
        else indices.set(index.name, index);
      }
    }
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
    return {
      indices: [...indices.values()].sort(byName),
      dataStreams: [...streams.values()].sort(byName),
    };
  }

  match(pattern: string, includeHidden = false): Resolved {
    const hiddenToo = includeHidden || pattern.startsWith('.') || !pattern.includes('*');
    const indices = [...this.indices.values()].filter(
      (index) => (hiddenToo || !index.hidden) && globMatch(pattern, index.name),
    );
    const dataStreams = [...this.dataStreams.values()].filter((s) => globMatch(pattern, s.name));
    return { indices, dataStreams };
  }
}

function timestampOf(source: Record<string, unknown>): number | undefined {
  const value = source['@timestamp'];
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}
