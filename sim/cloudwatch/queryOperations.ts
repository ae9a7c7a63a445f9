import { AwsError, invalidParameter, resourceNotFound, withServiceSuffix } from './awsError';
import type { Operation, SimContext } from './context';
import { parseInsights } from './insights/parser';
import { runInsights } from './insights/run';
import {
  decodeToken,
  encodeToken,
  exactlyOne,
  findGroup,
  optionalInteger,
  optionalString,
  requiredInteger,
  requiredString,
  type Body,
} from './params';
import { decodePointer, encodePointer } from './pointers';
import type { QueryRecord } from './queries';
import { jsonFieldsOf } from './store';

const MAX_GROUPS = 50;

function groupsOf(ctx: SimContext, body: Body) {
  const [member, value] = exactlyOne(body, [
    'logGroupName',
    'logGroupNames',
    'logGroupIdentifiers',
  ]);
  const identifiers = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(identifiers) || identifiers.some((v) => typeof v !== 'string')) {
    throw invalidParameter(`${member} must be a list of strings.`);
  }
  if (identifiers.length === 0 || identifiers.length > MAX_GROUPS) {
    throw invalidParameter(
      `1 validation error detected: Value at '${member}' failed to satisfy constraint: Member must have length less than or equal to ${MAX_GROUPS} and greater than or equal to 1`,
    );
  }
  return (identifiers as string[]).map((id) => findGroup(ctx.store, id, ctx.options.accountId));
}

export const startQuery: Operation = (ctx, body) => {
  const language = optionalString(body, 'queryLanguage');
  if (language !== undefined && language !== 'CWLI') {
    throw invalidParameter(`The simulator runs Logs Insights QL (CWLI) only, not ${language}.`);
  }
  const groups = groupsOf(ctx, body);
  const queryString = requiredString(body, 'queryString', 10_000);
  const startTime = requiredInteger(body, 'startTime');
  const endTime = requiredInteger(body, 'endTime');
  if (endTime < startTime) throw invalidParameter('End time cannot be before start time.');
  const limit = optionalInteger(body, 'limit', 1, 100_000) ?? 10_000;
  const query = parseInsights(queryString);
  const max = ctx.options.maxConcurrentQueries;
  if (ctx.queries.active() >= max) {
    throw new AwsError(
      'LimitExceededException',
      `Account maximum query concurrency limit of [${max}] reached.`,
    );
  }
  // Epoch seconds, both ends inclusive: the last second counts whole.
  const events = groups.flatMap((g) => ctx.store.range(g, startTime * 1000, endTime * 1000 + 999));
  const record = ctx.queries.add(
    {
      queryString,
      logGroupNames: groups.map((g) => g.name),
      endsWith: ctx.fault?.queryEndsWith ?? 'Complete',
    },
    () =>
      runInsights(query, events, {
        limit,
        logId: (e) => `${ctx.options.accountId}:${e.group.name}`,
        ptr: encodePointer,
      }),
  );
  return { queryId: record.queryId };
};

function recordOf(ctx: SimContext, body: Body): QueryRecord {
  const queryId = requiredString(body, 'queryId', 256);
  const record = ctx.queries.get(queryId);
  if (!record) throw resourceNotFound('The specified query could not be found.');
  return record;
}

export const getQueryResults: Operation = (ctx, body) => {
  const record = recordOf(ctx, body);
  const maxItems = optionalInteger(body, 'maxItems', 1, 10_000);
  const from = decodeToken<number>(optionalString(body, 'nextToken')) ?? 0;
  const { status, rows, statistics } = ctx.queries.progress(record);
  const page = maxItems === undefined ? rows.slice(from) : rows.slice(from, from + maxItems);
  const next = from + page.length;
  return {
    queryLanguage: 'CWLI',
    results: page,
    statistics: { ...statistics, logGroupsScanned: record.logGroupNames.length },
    status,
    ...(maxItems !== undefined && next < rows.length ? { nextToken: encodeToken(next) } : {}),
  };
};

export const stopQuery: Operation = (ctx, body) => {
  const record = recordOf(ctx, body);
  const status = ctx.queries.status(record);
  if (status !== 'Scheduled' && status !== 'Running') {
    throw invalidParameter(
      withServiceSuffix(`Query is already ended with ${status}`, 'InvalidParameterException'),
    );
  }
  ctx.queries.stop(record);
  return { success: true };
};

export const describeQueries: Operation = (ctx, body) => {
  const group = optionalString(body, 'logGroupName');
  const status = optionalString(body, 'status');
  const maxResults = optionalInteger(body, 'maxResults', 1, 1000) ?? 1000;
  const queries = ctx.queries
    .all()
    .filter((q) => group === undefined || q.logGroupNames.includes(group))
    .map((q) => ({
      queryId: q.queryId,
      queryLanguage: 'CWLI',
      queryString: q.queryString,
      status: ctx.queries.status(q),
      createTime: q.createTime,
      logGroupName: q.logGroupNames[0],
    }))
    .filter((q) => status === undefined || q.status === status)
    .sort((a, b) => b.createTime - a.createTime)
    .slice(0, maxResults);
  return { queries };
};

export const getLogRecord: Operation = (ctx, body) => {
  const pointer = requiredString(body, 'logRecordPointer');
  const id = decodePointer(pointer);
  const event = id === undefined ? undefined : ctx.store.event(id);
  if (!event) throw invalidParameter('Log record pointer is invalid.');
  const discovered = Object.fromEntries(
    Object.entries(jsonFieldsOf(event)).map(([k, v]) => [k, String(v)]),
  );
  return {
    logRecord: {
      ...discovered,
      '@ingestionTime': String(event.ingestionTime),
      '@log': `${ctx.options.accountId}:${event.group.name}`,
      '@logStream': event.stream,
      '@message': event.message,
      '@timestamp': String(event.timestamp),
    },
  };
};
