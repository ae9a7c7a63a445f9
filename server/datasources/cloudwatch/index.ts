import { DescribeLogGroupsCommand, GetLogRecordCommand } from '@aws-sdk/client-cloudwatch-logs';
import { LogsiftError } from '../../../model';
import { checkDatasourceLimits } from '../paging';
import { SetInterner } from '../setInterner';
import { Tails } from '../tails';
import type { Datasource, ExplainQuery, NativeRequest, ResolvedQuery } from '../datasource';
import { ScanBudget } from './budget';
import { CloudWatchApi, endpointOf, type Credentials } from './client';
import { cloudWatchContext } from './context';
import { fieldMapOf, type CloudWatchDatasourceConfig } from './config';
import { cloudWatchHistogram, histogramSpec } from './histogram';
import type { InsightsSpec } from './insightsRunner';
import { InsightsRunner } from './insightsRunner';
import { CLOUDWATCH_LANGUAGES, toInsights } from './language';
import {
  facetFields,
  fieldInfos,
  FieldNames,
  facetsOf,
  TOP,
  VALUES,
  type MetadataContext,
} from './metadata';
import { prepareLogQuery, runLogQuery, type LogQueryContext } from './query';
import { recordOfValues, type RecordShape } from './records';
import { startCloudWatchTail } from './tail';
import { tailPattern } from './tailEvents';
import { logGroupsOf, logGroupTargets } from './targets';

export { CloudWatchDatasourceConfigSchema, type CloudWatchDatasourceConfig } from './config';

export interface CloudWatchDatasourceOptions {
  now?: () => number;
  /** Fixed credentials instead of the default chain (tests against the simulator). */
  credentials?: Credentials;
}

function startQueryRequest(endpoint: string, spec: InsightsSpec): NativeRequest {
  return {
    method: 'POST',
    url: `${endpoint}/`,
    headers: {
      'Content-Type': 'application/x-amz-json-1.1',
      'X-Amz-Target': 'Logs_20140328.StartQuery',
    },
    body: spec,
  };
}

export function createCloudWatchDatasource(
  config: CloudWatchDatasourceConfig,
  options: CloudWatchDatasourceOptions = {},
): Datasource {
  const now = options.now ?? Date.now;
  const api = new CloudWatchApi(config, options.credentials);
  const budget = new ScanBudget(config.budget.perQueryBytes, config.budget.perUserPerDayBytes, now);
  const runner = new InsightsRunner(api, config, budget, now);
  const fieldMap = fieldMapOf(config);
  const pricePerGb = config.cost.pricePerGb;
  const meta: MetadataContext = { api, runner, pricePerGb, fieldMap, now };
  const fieldNames = new FieldNames(meta);
  const tails = new Tails();
  const limits = config.limits;
  const checkLimits = (req: { fromMs: number; toMs: number; limit?: number }) =>
    checkDatasourceLimits(req, limits, 'rows');

  const shapeOf = (levelField: string | undefined): RecordShape => ({
    source: config.id,
    levelField,
    messageField: config.messageField,
    fieldMap,
  });
  /** The query as Insights, its log groups and the level field the logs have. */
  const prepare = async (
    req: Pick<ResolvedQuery, 'language' | 'query' | 'toMs' | 'target' | 'targets'>,
    signal: AbortSignal,
  ) => {
    const insights = toInsights(req.language, req.query, fieldMap);
    const groups = logGroupsOf(req, config.logGroups);
    const level = await fieldNames.levelField(config.levelField, groups, req.toMs, signal);
    return { insights, groups, shape: shapeOf(level) };
  };
  const logContext = (shape: RecordShape): LogQueryContext => ({
    runner,
    shape,
    pricePerGb,
    maxLines: limits.maxLines,
    now,
  });

  return {
    id: config.id,
    name: config.name ?? config.id,
    kind: 'cloudwatch',
    languages: CLOUDWATCH_LANGUAGES,
    queryTimeoutMs: config.limits.queryTimeoutMs,
    capabilities: {
      tail: true,
      histogram: true,
      facets: true,
      explain: true,
      manyTargets: true,
      progress: true,
      context: true,
    },
    async query(req, signal) {
      checkLimits(req);
      const p = await prepare(req, signal);
      const ctx = logContext(p.shape);
      return runLogQuery(ctx, req, prepareLogQuery(ctx, req, p.insights, p.groups), signal);
    },
    async histogram(req, signal) {
      checkLimits(req);
      const p = await prepare(req, signal);
      const spec = histogramSpec(req, p.insights.text, p.groups, p.shape.levelField);
      return cloudWatchHistogram(runner, req, spec, pricePerGb, signal);
    },
    async facets(req, signal) {
      checkLimits(req);
      const p = await prepare(req, signal);
      const names = facetFields(req.fields, fieldMap, p.shape.levelField);
      return facetsOf(meta, req, p.insights.text, p.groups, names, req.size ?? TOP, signal);
    },
    async fields(req, signal) {
      checkLimits(req);
      return fieldInfos(await fieldNames.get(config.logGroups, req.toMs, signal), fieldMap);
    },
    async values(req, signal) {
      checkLimits(req);
      const p = await prepare({ ...req, query: req.query ?? '' }, signal);
      const [facet] = await facetsOf(
        meta,
        req,
        p.insights.text,
        p.groups,
        [req.field],
        VALUES,
        signal,
      );
      return facet?.values.map((v) => v.value) ?? [];
    },
    explain(req: ExplainQuery): NativeRequest[] {
      const insights = toInsights(req.language, req.query, fieldMap);
      const groups = logGroupsOf(req, config.logGroups);
      const shape = shapeOf(config.levelField);
      const endpoint = endpointOf(config);
      const log = prepareLogQuery({ shape, maxLines: limits.maxLines }, req, insights, groups);
      const histogram = histogramSpec(req, insights.text, groups, config.levelField);
      return [log.spec, ...(histogram ? [histogram] : [])].map((spec) =>
        startQueryRequest(endpoint, spec),
      );
    },
    tail(req, sink) {
      const ready = (async () => {
        const pattern = tailPattern(req.language, req.query);
        const signal = AbortSignal.timeout(config.timeoutMs);
        const groups = config.logGroups;
        const level = await fieldNames.levelField(config.levelField, groups, now(), signal);
        return () =>
          startCloudWatchTail(
            api,
            {
              logGroupNames: groups,
              pattern,
              shape: shapeOf(level),
              mode: config.tail.mode,
              pollIntervalMs: config.tail.pollIntervalMs,
              timeoutMs: config.timeoutMs,
              now,
            },
            sink,
          );
      })();
      return tails.start(ready, sink);
    },
    targets(signal, prefix) {
      return logGroupTargets(api, prefix, signal);
    },
    async record(id, signal) {
      const res = await api.call(
        'GetLogRecord',
        (s) => api.sdk.send(new GetLogRecordCommand({ logRecordPointer: id }), { abortSignal: s }),
        signal,
      );
      const record = recordOfValues(
        res.logRecord ?? {},
        shapeOf(config.levelField),
        new SetInterner(),
        id,
      );
      if (!record)
        throw new LogsiftError('not_found', 'CloudWatch Logs has no record with this id');
      return record;
    },
    async context(req, signal) {
      return cloudWatchContext(api, req, shapeOf(config.levelField), signal);
    },
    async ready() {
      await api.call(
        'DescribeLogGroups',
        (s) => api.sdk.send(new DescribeLogGroupsCommand({ limit: 1 }), { abortSignal: s }),
        AbortSignal.timeout(config.timeoutMs),
        { retry: false },
      );
      return true;
    },
    async close() {
      tails.closeAll();
      await runner.close();
      api.close();
    },
  };
}
