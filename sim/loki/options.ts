export interface LokiSimOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  now?: () => number;
  /** Size of the generated sample shop, as LocalDatasourceOptions.sampleScale (1 ≈ 100,000 lines). */
  sampleScale?: number;
  /** Keep appending a few sample lines a second, so tails see traffic (default true). */
  replay?: boolean;
  maxEntriesLimitPerQuery?: number;
  maxQueryLengthHours?: number;
  /** Loki's querier `tail_max_duration`; tests shorten it to see clients reconnect. */
  tailMaxDurationMs?: number;
  /** Loki with `auth_enabled: true`: no X-Scope-OrgID header, 401 `no org id`. */
  requireTenant?: boolean;
  /**
   * With `requireTenant`: the one tenant the bundled samples belong to, as every line of a real
   * Loki belongs to one tenant; other tenants see only what was pushed to them. Absent, every
   * tenant sees the samples.
   */
  samplesTenant?: string;
  /** `volume_enabled`; off, /index/volume answers 404 as Loki does. */
  volumeEnabled?: boolean;
  /** '3.4.6' by default; a 2.x version drops Loki 3's routes and labels. */
  version?: string;
}

export type ResolvedLokiSimOptions = Required<Omit<LokiSimOptions, 'now' | 'samplesTenant'>> & {
  now: () => number;
  samplesTenant: string | undefined;
  /** Loki 3 adds service_name and detected_level, knows categorize-labels and detected_fields. */
  loki3: boolean;
};

export function resolveOptions(options: LokiSimOptions): ResolvedLokiSimOptions {
  const version = options.version ?? '3.4.6';
  return {
    port: options.port ?? 0,
    host: options.host ?? '127.0.0.1',
    now: options.now ?? Date.now,
    sampleScale: options.sampleScale ?? 1,
    replay: options.replay ?? true,
    maxEntriesLimitPerQuery: options.maxEntriesLimitPerQuery ?? 5000,
    maxQueryLengthHours: options.maxQueryLengthHours ?? 721,
    tailMaxDurationMs: options.tailMaxDurationMs ?? 3_600_000,
    requireTenant: options.requireTenant ?? false,
    samplesTenant: options.samplesTenant,
    volumeEnabled: options.volumeEnabled ?? true,
    version,
    loki3: Number(version.split('.')[0]) >= 3,
  };
}

/** Makes matching requests fail or stall, to test a client's handling of a sick Loki. */
export interface LokiSimFault {
  /** Answer this status with `body` as text/plain instead of serving the request. */
  status?: number;
  body?: string;
  /** Wait this long first (with no status, the request is then served normally). */
  delayMs?: number;
  /** Path prefixes the fault applies to, or one path alone when it ends in `$`; all when absent. */
  paths?: string[];
}

/** What a request carried, for tests to assert on tenant, auth and custom headers. */
export interface RecordedRequest {
  method: string;
  path: string;
  /** Query string and form body parameters, repeated ones (`match[]`) in order. */
  params: Record<string, string[]>;
  /** Lower-case names, as Node receives them. */
  headers: Record<string, string>;
}
