export interface CloudWatchSimOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** The clock of the data: sample times, "the last 15 minutes" of GetLogGroupFields. */
  now?: () => number;
  /** Size of the generated sample shop, as LocalDatasourceOptions.sampleScale (1 ≈ 100,000 lines). */
  sampleScale?: number;
  /** Keep ingesting a few sample lines a second, so Live Tail and "last 5 minutes" move. */
  replay?: boolean;
  /** What ARNs and `@log` say. */
  region?: string;
  accountId?: string;
  /** The EKS cluster the Container Insights log groups are named after. */
  cluster?: string;
  /** Added before every answer, as the network and the service's front end would. */
  latencyMs?: number;
  /** How long a query stays `Scheduled` before it starts running. */
  scheduledMs?: number;
  /** How long a query runs (rows arrive as a growing prefix meanwhile) before `Complete`. */
  queryDurationMs?: number;
  /** Running + Scheduled Insights queries the account may have (AWS: 30). */
  maxConcurrentQueries?: number;
  /** Events FilterLogEvents looks at per call; a call that finds none still returns a token. */
  filterScanPerPage?: number;
  /** Milliseconds between Live Tail updates (AWS: one a second). */
  liveTailIntervalMs?: number;
}

export type ResolvedCloudWatchSimOptions = Required<CloudWatchSimOptions>;

export function resolveOptions(options: CloudWatchSimOptions): ResolvedCloudWatchSimOptions {
  return {
    port: options.port ?? 0,
    host: options.host ?? '127.0.0.1',
    now: options.now ?? Date.now,
    sampleScale: options.sampleScale ?? 1,
    replay: options.replay ?? true,
    region: options.region ?? 'us-east-1',
    accountId: options.accountId ?? '123456789012',
    cluster: options.cluster ?? 'logsift-shop',
    latencyMs: options.latencyMs ?? 0,
    scheduledMs: options.scheduledMs ?? 200,
    queryDurationMs: options.queryDurationMs ?? 1_500,
    maxConcurrentQueries: options.maxConcurrentQueries ?? 30,
    filterScanPerPage: options.filterScanPerPage ?? 10_000,
    liveTailIntervalMs: options.liveTailIntervalMs ?? 1_000,
  };
}

export type EndedStatus = 'Failed' | 'Timeout' | 'Cancelled';

/** Makes matching requests fail or stall, or queries end badly, to test a client's error paths. */
export interface CloudWatchSimFault {
  /** The next N matching requests answer ThrottlingException "Rate exceeded". */
  throttle?: number;
  /** Every matching request answers ExpiredTokenException. */
  expiredCredentials?: boolean;
  /** Every matching request answers AccessDeniedException. */
  accessDenied?: boolean;
  /** Queries started while this is set end so instead of `Complete`. */
  queryEndsWith?: EndedStatus;
  /** StartLiveTail answers as in a Region without Live Tail. */
  liveTailUnavailable?: boolean;
  /** Wait this long before answering (then answer normally, unless another fault applies). */
  delayMs?: number;
  /** Operation names (`StartQuery`, …) the request faults apply to; all when absent. */
  operations?: string[];
}

/** What a request carried, for tests to assert on the operation, its body and the signature. */
export interface RecordedRequest {
  /** `StartQuery`, `GetQueryResults`, …: the `X-Amz-Target` after `Logs_20140328.`. */
  operation: string;
  /** Lower-case names, as Node receives them. */
  headers: Record<string, string>;
  body: string;
  /** The body parsed, when it is JSON. */
  json?: Record<string, unknown>;
}
