import { LogsiftError, type Language } from '../../../model';
import { logqlShape } from '../../../query';
import { defaultStepMs } from '../../http/steps';
import { checkDatasourceLimits } from '../paging';
import type { Datasource, DatasourceQuery, NativeRequest } from '../datasource';
import { LokiClient } from './client';
import type { LokiDatasourceConfig } from './config';
import { histogramRequest, lokiHistogram } from './histogram';
import { LokiMetadata } from './metadata';
import { queryPaged, queryRangeParams } from './query';
import { startLokiTail } from './tail';

export { LokiDatasourceConfigSchema, type LokiDatasourceConfig } from './config';

function requireLogQL(language: Language): void {
  if (language !== 'logql') {
    throw new LogsiftError(
      'unsupported',
      `this Loki datasource answers LogQL; ${language} cannot be translated to LogQL yet`,
    );
  }
}

export interface LokiDatasourceOptions {
  now?: () => number;
}

export function createLokiDatasource(
  config: LokiDatasourceConfig,
  options: LokiDatasourceOptions = {},
): Datasource {
  const client = new LokiClient(config);
  const limits = config.limits;
  const metadata = new LokiMetadata(client, config.id, limits.maxEntriesPerRequest);
  const tails = new Set<{ close(): void }>();

  const checkLimits = (req: { fromMs: number; toMs: number; limit?: number }) =>
    checkDatasourceLimits(req, limits, 'lines');

  const checkLogQuery = (req: { language: Language; query: string }) => {
    requireLogQL(req.language);
    if (logqlShape(req.query).kind === 'metric') {
      throw new LogsiftError(
        'bad_query',
        'a log list needs a log query; a metric query like this one is drawn by the histogram',
        { from: 0, to: req.query.length },
      );
    }
  };

  return {
    id: config.id,
    name: config.name ?? config.id,
    kind: 'loki',
    languages: ['logql'],
    capabilities: { tail: true, histogram: true, facets: true, explain: true },
    async query(req, signal) {
      checkLogQuery(req);
      checkLimits(req);
      return queryPaged(
        client,
        req,
        { maxEntriesPerRequest: limits.maxEntriesPerRequest, source: config.id },
        signal,
      );
    },
    async histogram(req, signal) {
      requireLogQL(req.language);
      checkLimits(req);
      return lokiHistogram(client, req, signal);
    },
    async facets(req, signal) {
      checkLogQuery(req);
      checkLimits(req);
      return metadata.facets(req, signal);
    },
    async fields(req, signal) {
      checkLimits(req);
      return metadata.fields(req, signal);
    },
    async values(req, signal) {
      checkLimits(req);
      return metadata.values(req, signal);
    },
    explain(req: DatasourceQuery): NativeRequest[] {
      requireLogQL(req.language);
      const first = Math.min(req.limit, limits.maxEntriesPerRequest);
      const requests: NativeRequest[] = [
        {
          method: 'GET',
          url: client.url('query_range').toString(),
          params: queryRangeParams(req, first),
        },
      ];
      const span = req.toMs - req.fromMs;
      if (logqlShape(req.query).kind === 'log' && span > 0) {
        requests.push(histogramRequest(client, { ...req, stepMs: defaultStepMs(span) }));
      }
      return requests;
    },
    tail(req, sink) {
      checkLogQuery(req);
      const session = startLokiTail(
        client,
        {
          query: req.query,
          source: config.id,
          delayForSeconds: config.tail.delayForSeconds,
          ...(options.now ? { now: options.now } : {}),
        },
        sink,
      );
      const handle = {
        close: () => {
          tails.delete(handle);
          session.close();
        },
      };
      tails.add(handle);
      return handle;
    },
    async ready() {
      try {
        const { status } = await client.get(
          new URL('ready', client.base),
          AbortSignal.timeout(config.timeoutMs),
        );
        return status === 200;
      } catch {
        return false;
      }
    },
    async close() {
      for (const t of [...tails]) t.close();
      client.close();
    },
  };
}
