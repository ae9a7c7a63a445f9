import picomatch from 'picomatch';
import { LogsiftError, type Language } from '../../../model';
import { checkDatasourceLimits, collectPages } from '../paging';
import { Tails } from '../tails';
import type {
  Datasource,
  DatasourceQuery,
  ExplainQuery,
  NativeRequest,
  QueryPages,
} from '../datasource';
import { EsClient } from './client';
import { fieldMapOf, type ElasticsearchDatasourceConfig } from './config';
import { esContext } from './context';
import { aggregatable, FieldCaps, firstPresent, type FieldCap } from './fieldCaps';
import { esHistogram, histogramBody } from './histogram';
import { defaultFacetFields, fieldList, termsOf, TOP, type MetadataContext } from './metadata';
import { searchPaged } from './query';
import type { RecordShape } from './records';
import { rangedQuery, timeSort } from './search';
import { startEsTail } from './tail';
import { resolveTargets } from './targets';
import { compileUserQuery, ES_LANGUAGES } from './userQuery';

export { ElasticsearchDatasourceConfigSchema, type ElasticsearchDatasourceConfig } from './config';

const MESSAGE_FIELDS = ['message', 'log', 'msg'];
const LEVEL_FIELDS = ['level', 'log.level', 'severity', 'lvl', 'loglevel'];

export interface ElasticsearchDatasourceOptions {
  now?: () => number;
}

export function createElasticsearchDatasource(
  config: ElasticsearchDatasourceConfig,
  options: ElasticsearchDatasourceOptions = {},
): Datasource {
  const client = new EsClient(config);
  const caps = new FieldCaps(client, config.index);
  const fieldMap = fieldMapOf(config);
  const limits = config.limits;
  const meta: MetadataContext = {
    client,
    index: config.index,
    timeField: config.timeField,
    fieldMap,
  };
  const tails = new Tails();

  const shapeOf = (c: Map<string, FieldCap>): RecordShape => ({
    source: config.id,
    timeField: config.timeField,
    messageField: config.messageField ?? firstPresent(c, MESSAGE_FIELDS) ?? 'message',
    levelField: config.levelField ?? firstPresent(c, LEVEL_FIELDS),
    fieldMap,
  });

  const prepare = async (req: { language: Language; query: string }, signal: AbortSignal) => {
    const c = await caps.get(signal);
    const shape = shapeOf(c);
    return {
      caps: c,
      shape,
      ...compileUserQuery(req.language, req.query, c, fieldMap, shape.messageField),
    };
  };

  // A target narrows the configured pattern; it may never widen it to other indices.
  const inPattern = picomatch(config.index.split(','), { dot: true });
  const indexOf = (req: { target?: string }): string => {
    if (req.target === undefined) return config.index;
    if (!inPattern(req.target)) {
      throw new LogsiftError(
        'forbidden',
        `target "${req.target}" is outside this datasource's index pattern "${config.index}"`,
      );
    }
    return req.target;
  };
  const checkLimits = (req: { fromMs: number; toMs: number; limit?: number }) =>
    checkDatasourceLimits(req, limits, 'documents');

  const queryPages = async (req: DatasourceQuery, signal: AbortSignal): Promise<QueryPages> => {
    checkLimits(req);
    const p = await prepare(req, signal);
    return searchPaged(
      client,
      req,
      {
        shape: p.shape,
        index: indexOf(req),
        pageSize: limits.pageSize,
        user: p.dsl,
        lucene: p.lucene,
      },
      signal,
    );
  };

  return {
    id: config.id,
    name: config.name ?? config.id,
    kind: 'elasticsearch',
    languages: ES_LANGUAGES,
    capabilities: { tail: true, histogram: true, facets: true, explain: true, context: true },
    async query(req, signal) {
      return collectPages(await queryPages(req, signal));
    },
    queryPages,
    async histogram(req, signal) {
      checkLimits(req);
      const p = await prepare(req, signal);
      const level = p.shape.levelField ? aggregatable(p.caps, p.shape.levelField) : undefined;
      const body = histogramBody(p.dsl, config.timeField, level, req.fromMs, req.toMs, req.stepMs);
      return esHistogram(
        client,
        indexOf(req),
        body,
        req.stepMs,
        req.fromMs,
        req.toMs,
        signal,
        p.lucene,
      );
    },
    async facets(req, signal) {
      checkLimits(req);
      const p = await prepare(req, signal);
      const names = req.fields ?? defaultFacetFields(meta, p.caps, p.shape.levelField);
      const scoped = { ...meta, index: indexOf(req) };
      return (await termsOf(scoped, p.caps, names, p.dsl, req, req.size ?? TOP, signal, p.lucene))
        .facets;
    },
    async fields(req, signal) {
      checkLimits(req);
      return fieldList(meta, await caps.get(signal));
    },
    async values(req, signal) {
      checkLimits(req);
      const p = await prepare({ language: req.language, query: req.query ?? '' }, signal);
      const { facets } = await termsOf(
        meta,
        p.caps,
        [req.field],
        p.dsl,
        req,
        100,
        signal,
        p.lucene,
      );
      return facets[0]?.values.map((v) => v.value) ?? [];
    },
    async context(req, signal) {
      const c = await caps.get(signal);
      return esContext(client, req, { shape: shapeOf(c), index: config.index, caps: c }, signal);
    },
    explain(req: ExplainQuery): NativeRequest[] {
      // The field types come from _field_caps; without them the query is shown as Kibana
      // would send it for unknown fields.
      const shape = shapeOf(new Map());
      const p = compileUserQuery(req.language, req.query, new Map(), fieldMap, shape.messageField);
      const query = rangedQuery(p.dsl, config.timeField, req.fromMs, req.toMs);
      const url = client.url(`${indexOf(req)}/_search`).toString();
      return [
        {
          method: 'POST',
          url,
          body: {
            size: Math.min(req.limit, limits.pageSize),
            sort: timeSort(shape, req.direction),
            query,
            track_total_hits: true,
          },
        },
        {
          method: 'POST',
          url,
          body: histogramBody(
            p.dsl,
            config.timeField,
            shape.levelField,
            req.fromMs,
            req.toMs,
            req.stepMs,
          ),
        },
      ];
    },
    tail(req, sink) {
      const ready = prepare(req, AbortSignal.timeout(config.timeoutMs)).then(
        (p) => () =>
          startEsTail(
            client,
            {
              index: config.index,
              user: p.dsl,
              shape: p.shape,
              intervalMs: config.tail.intervalMs,
              lucene: p.lucene,
              ...(options.now ? { now: options.now } : {}),
            },
            sink,
          ),
      );
      return tails.start(ready, sink);
    },
    targets(signal) {
      return resolveTargets(client, config.index, signal);
    },
    async ready() {
      await client.json('GET', '', undefined, AbortSignal.timeout(config.timeoutMs));
      return true;
    },
    async close() {
      tails.closeAll();
      client.close();
    },
  };
}
