import type {
  Capabilities,
  DatasourceKind,
  Facet,
  FieldInfo,
  Histogram,
  Language,
  LogRecord,
  NativeRequest,
  QueryProgress,
  QueryStats,
  TailMessage,
} from '../../model';

// Adapters build their explain answers against this module, beside the rest of the interface.
export type { NativeRequest } from '../../model';

/** A request after the HTTP layer validated it and resolved its time range. */
export interface ResolvedQuery {
  language: Language;
  query: string;
  fromMs: number;
  toMs: number;
  /** Narrows a pattern-based datasource to one of its targets; others ignore it. */
  target?: string;
  /**
   * Several targets at once, for datasources that search a list (CloudWatch: up to 50 log
   * groups); when given it wins over `target`. Others ignore it.
   */
  targets?: string[];
  /** Who asks, for per-user budgets (CloudWatch's daily scan budget); absent means anonymous. */
  user?: string;
}

export interface DatasourceQuery extends ResolvedQuery {
  limit: number;
  direction: 'backward' | 'forward';
  cursor?: string;
  /**
   * Told what a slow backend is doing before the answer is complete: its place in a queue
   * for query slots, then the rows found so far (CloudWatch Insights while `Running`).
   */
  onProgress?: (progress: QueryProgress) => void;
}

export interface DatasourceQueryResult {
  records: LogRecord[];
  cursor?: string;
  stats: QueryStats;
}

/**
 * An answer sent on while it is fetched. The first backend page is in hand before the promise
 * resolves, so a failing request is still an error status; a later failure ends the records
 * early and `end()` says so in its warnings, with a cursor to go on from the last record sent.
 */
export interface QueryPages {
  pages: AsyncIterable<LogRecord[]>;
  /** Cursor and stats, once `pages` is done (drained or left). */
  end(): Omit<DatasourceQueryResult, 'records'>;
}

/** The lines around one record in its own stream (Loki labels, an ES pod, a CloudWatch log stream). */
export interface ContextQuery {
  record: Pick<LogRecord, 'id' | 'ts' | 'labels'> & { fields?: Record<string, string> };
  before: number;
  after: number;
}

/** Each list oldest first; the record itself in neither. */
export interface ContextResult {
  before: LogRecord[];
  after: LogRecord[];
}

export interface HistogramQuery extends ResolvedQuery {
  stepMs: number;
}

/** The log query as it runs, and the step the chart's histogram asks for beside it. */
export interface ExplainQuery extends DatasourceQuery {
  stepMs: number;
}

export interface FacetsQuery extends ResolvedQuery {
  /** Fields to count; when absent the datasource picks the useful ones. */
  fields?: string[];
  /** Top values per field; the datasource's default when absent. */
  size?: number;
}

export interface FieldsQuery {
  fromMs: number;
  toMs: number;
  language: Language;
  /** Narrows the fields to those of matching records, when given. */
  query?: string;
}

export interface ValuesQuery extends FieldsQuery {
  field: string;
}

export interface TargetInfo {
  name: string;
  kind: 'index' | 'alias' | 'data_stream' | 'log_group';
}

export type TailSink = (message: TailMessage) => void;

export interface TailSession {
  close(): void;
}

export interface Datasource {
  readonly id: string;
  readonly name: string;
  readonly kind: DatasourceKind;
  readonly languages: readonly Language[];
  readonly capabilities: Capabilities;
  /**
   * Its own deadline for one query, over the server's, when the backend's queries are slow by
   * nature (CloudWatch Insights runs for minutes, its progress shown meanwhile).
   */
  readonly queryTimeoutMs?: number;
  query(req: DatasourceQuery, signal: AbortSignal): Promise<DatasourceQueryResult>;
  /** The same answer as query(), page by page, for datasources whose backend pages. */
  queryPages?(req: DatasourceQuery, signal: AbortSignal): Promise<QueryPages>;
  histogram(req: HistogramQuery, signal: AbortSignal): Promise<Histogram>;
  facets(req: FacetsQuery, signal: AbortSignal): Promise<Facet[]>;
  fields(req: FieldsQuery, signal: AbortSignal): Promise<FieldInfo[]>;
  values(req: ValuesQuery, signal: AbortSignal): Promise<string[]>;
  /** The native request(s) this datasource would send, like Grafana's query inspector. */
  explain(req: ExplainQuery): NativeRequest[];
  /** Starts a live tail; the first message may arrive after this returns. */
  tail?(req: { language: Language; query: string }, sink: TailSink): TailSession;
  /**
   * What the datasource searches (indices, data streams, aliases, log groups), for a picker;
   * `prefix` narrows a long list on the backend's side (CloudWatch log group names).
   */
  targets?(signal: AbortSignal, prefix?: string): Promise<TargetInfo[]>;
  /** One record in full by its id, for the details panel (CloudWatch: GetLogRecord by @ptr). */
  record?(id: string, signal: AbortSignal): Promise<LogRecord>;
  /** Lines around a record in the same stream, for the details panel's "show context". */
  context?(req: ContextQuery, signal: AbortSignal): Promise<ContextResult>;
  /**
   * Whether the datasource can answer now; feeds /readyz and /api/v1/status. A backend that
   * cannot be reached rejects with the reason, which the status strip shows as it is.
   */
  ready(): Promise<boolean>;
  close(): Promise<void>;
}

export function hasTail(
  ds: Datasource,
): ds is Datasource & { tail: NonNullable<Datasource['tail']> } {
  return typeof ds.tail === 'function';
}
