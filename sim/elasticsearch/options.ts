export type Flavor = 'elasticsearch' | 'opensearch';

export interface ElasticsearchSimAuth {
  /** `Authorization: Basic base64(username:password)`. */
  basic?: { username: string; password: string };
  /** The `encoded` value of an API key: `Authorization: ApiKey <apiKey>`. */
  apiKey?: string;
  /** `Authorization: Bearer <bearer>`. */
  bearer?: string;
}

export interface ElasticsearchSimOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** The clock of the data, date math (`now-15m`) and PIT expiry. */
  now?: () => number;
  /** Size of the generated sample shop, as LocalDatasourceOptions.sampleScale (1 ≈ 100,000 lines). */
  sampleScale?: number;
  /** Keep indexing a few sample lines a second, so "last 5 minutes" keeps moving (default true). */
  replay?: boolean;
  /** What `GET /` claims to be, and which PIT API and auth answers it speaks. */
  flavor?: Flavor;
  /** `index.max_result_window`: from + size beyond it is refused. */
  maxResultWindow?: number;
  /** `search.max_keep_alive` (ES) or `point_in_time.max_keep_alive` (OpenSearch); 24 h. */
  pitKeepAliveMaxMs?: number;
  /** Any one of the given credentials opens every endpoint; none given means security is off. */
  requireAuth?: ElasticsearchSimAuth;
}

export type ResolvedElasticsearchSimOptions = Required<
  Omit<ElasticsearchSimOptions, 'requireAuth'>
> & {
  requireAuth: ElasticsearchSimAuth | undefined;
};

export function resolveOptions(options: ElasticsearchSimOptions): ResolvedElasticsearchSimOptions {
  return {
    port: options.port ?? 0,
    host: options.host ?? '127.0.0.1',
    now: options.now ?? Date.now,
    sampleScale: options.sampleScale ?? 1,
    replay: options.replay ?? true,
    flavor: options.flavor ?? 'elasticsearch',
    maxResultWindow: options.maxResultWindow ?? 10_000,
    pitKeepAliveMaxMs: options.pitKeepAliveMaxMs ?? 86_400_000,
    requireAuth: options.requireAuth,
  };
}

/** Makes matching requests fail, stall or come back partial, to test a client's error paths. */
export interface ElasticsearchSimFault {
  /** Answer this status instead of serving the request; `body` or an Elasticsearch-shaped error. */
  status?: number;
  /** A string is sent as is (text/plain); anything else as JSON. */
  body?: unknown;
  /** Wait this long first (with no status, the request is then served normally). */
  delayMs?: number;
  /** Path prefixes the fault applies to; all paths when absent. */
  paths?: string[];
  /** Searches answer 200 with this many of their shards (indices) failed and left out. */
  shardFailures?: number;
  /** Every open point in time is dropped now, as if its keep-alive had run out. */
  expirePits?: boolean;
  /** `_cluster/health` says red. */
  red?: boolean;
}

/** What a request carried, for tests to assert on auth, parameters and the exact body sent. */
export interface RecordedRequest {
  method: string;
  path: string;
  params: Record<string, string[]>;
  /** Lower-case names, as Node receives them. */
  headers: Record<string, string>;
  body: string;
  /** The body parsed, when it is one JSON value (NDJSON bodies stay in `body`). */
  json?: unknown;
}
