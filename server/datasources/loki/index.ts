import { LogsiftError, type Language } from '../../../model';
import { logqlShape } from '../../../query';
import { checkDatasourceLimits, collectPages } from '../paging';
import { Tails } from '../tails';
import type {
  Datasource,
  DatasourceQuery,
  ExplainQuery,
  FieldsQuery,
  NativeRequest,
  QueryPages,
} from '../datasource';
import { LokiClient, PUBLIC_HEADERS } from './client';
import { lokiContext } from './context';
import type { LokiDatasourceConfig } from './config';
import { histogramRequest, lokiHistogram } from './histogram';
import { LokiMetadata } from './metadata';
import { queryPages, queryRangeParams } from './query';
import { inUserTerms, LOKI_LANGUAGES, LokiTranslator } from './kql';
import { startLokiTail } from './tail';
import { lokiTailCatchUp } from './tailCatchUp';

export { LokiDatasourceConfigSchema, type LokiDatasourceConfig } from './config';

export interface LokiDatasourceOptions {
  now?: () => number;
}

export function createLokiDatasource(
  config: LokiDatasourceConfig,
  options: LokiDatasourceOptions = {},
): Datasource {
  const client = new LokiClient(config);
  const limits = config.limits;
  // Exact facet counts get half the timeout: the sample that stands in for them needs the rest.
  const metadata = new LokiMetadata(
    client,
    config.id,
    limits.maxEntriesPerRequest,
    config.timeoutMs / 2,
  );
  const tails = new Tails();

  const checkLimits = (req: { fromMs: number; toMs: number; limit?: number }) =>
    checkDatasourceLimits(req, limits, 'lines');

  const translator = new LokiTranslator(metadata, options.now ?? Date.now);
  // Completions narrow by the query when it translates; a half-typed one narrows nothing.
  const narrowing = async <T extends FieldsQuery>(req: T, signal: AbortSignal): Promise<T> => {
    if (req.query === undefined || req.language === 'logql') return req;
    const query = req.query;
    return translator.toLogql({ ...req, query }, signal).then(
      (translated) => translated,
      () => {
        const rest: T = { ...req, language: 'logql' };
        delete rest.query;
        return rest;
      },
    );
  };
  const pageOptions = {
    maxEntriesPerRequest: limits.maxEntriesPerRequest,
    source: config.id,
    indexedLabels: async (range: { fromMs: number; toMs: number }, signal: AbortSignal) =>
      new Set(await metadata.labels({ ...range, language: 'logql' }, signal)),
  };
  const checkLogQuery = (req: { language: Language; query: string }) => {
    if (logqlShape(req.query).kind === 'metric') {
      throw new LogsiftError(
        'bad_query',
        'a log list needs a log query; a metric query like this one is drawn by the histogram',
        { from: 0, to: req.query.length },
      );
    }
  };

  const pagesOf = async (user: DatasourceQuery, signal: AbortSignal): Promise<QueryPages> => {
    checkLimits(user);
    const req = await translator.toLogql(user, signal);
    checkLogQuery(req);
    return inUserTerms(user.language, () => queryPages(client, req, pageOptions, signal));
  };

  return {
    id: config.id,
    name: config.name ?? config.id,
    kind: 'loki',
    languages: LOKI_LANGUAGES,
    capabilities: { tail: true, histogram: true, facets: true, explain: true, context: true },
    async query(user, signal) {
      return collectPages(await pagesOf(user, signal));
    },
    queryPages: pagesOf,
    async histogram(user, signal) {
      checkLimits(user);
      const req = await translator.toLogql(user, signal);
      return inUserTerms(user.language, () => lokiHistogram(client, req, signal));
    },
    async facets(user, signal) {
      checkLimits(user);
      const req = await translator.toLogql(user, signal);
      checkLogQuery(req);
      return inUserTerms(user.language, () => metadata.facets(req, signal));
    },
    async fields(user, signal) {
      checkLimits(user);
      return metadata.fields(await narrowing(user, signal), signal);
    },
    async values(user, signal) {
      checkLimits(user);
      return metadata.values(await narrowing(user, signal), signal);
    },
    async context(req, signal) {
      return lokiContext(client, req, pageOptions, signal);
    },
    explain(user: ExplainQuery): NativeRequest[] {
      const req = translator.toLogqlNow(user);
      const span = req.toMs - req.fromMs;
      const histogram = () => histogramRequest(client, { ...req, stepMs: user.stepMs });
      // A metric query lists no lines: Explore only draws it, with the histogram's request.
      const requests: NativeRequest[] =
        logqlShape(req.query).kind === 'metric'
          ? [histogram()]
          : [
              {
                method: 'GET',
                url: client.url('query_range').toString(),
                params: queryRangeParams(req, Math.min(req.limit, limits.maxEntriesPerRequest)),
              },
              ...(span > 0 ? [histogram()] : []),
            ];
      // The tenant chooses whose logs are read (a group's own, with access.perGroup), so the
      // inspector shows it; it is no credential.
      const tenant = config.tenant;
      const headers = tenant ? { ...PUBLIC_HEADERS, 'X-Scope-OrgID': tenant } : PUBLIC_HEADERS;
      return requests.map((r) => ({ ...r, headers: { ...r.headers, ...headers } }));
    },
    tail(user, sink) {
      const ready = translator.toLogql(user, AbortSignal.timeout(config.timeoutMs)).then((req) => {
        checkLogQuery(req);
        return () =>
          startLokiTail(
            client,
            {
              query: req.query,
              source: config.id,
              delayForSeconds: config.tail.delayForSeconds,
              replayLimit: limits.maxEntriesPerRequest,
              catchUp: lokiTailCatchUp(client, req.query, pageOptions),
              catchUpLimit: config.tail.catchUpLines,
              ...(options.now ? { now: options.now } : {}),
            },
            sink,
          );
      });
      return tails.start(ready, sink);
    },
    async ready() {
      const { status } = await client.get(
        new URL('ready', client.base),
        AbortSignal.timeout(config.timeoutMs),
      );
      if (status !== 200) throw new Error(`Loki's /ready answered ${status}`);
      return true;
    },
    async close() {
      tails.closeAll();
      client.close();
    },
  };
}
