import { invalidParameter } from './awsError';
import { groupArn, type Operation } from './context';
import {
  decodeToken,
  encodeToken,
  exactlyOne,
  findGroup,
  optionalInteger,
  optionalString,
} from './params';
import { jsonFieldsOf } from './store';

const SYSTEM_FIELDS = ['@ingestionTime', '@log', '@logStream', '@message', '@timestamp'];
const FIELD_WINDOW_MS = 8 * 60_000;
const DEFAULT_FIELD_SPAN_MS = 15 * 60_000;

export const describeLogGroups: Operation = (ctx, body) => {
  const prefix = optionalString(body, 'logGroupNamePrefix', 512);
  const pattern = optionalString(body, 'logGroupNamePattern', 512);
  if (prefix !== undefined && pattern !== undefined) {
    throw invalidParameter(
      'LogGroupNamePrefix and LogGroupNamePattern are mutually exclusive parameters.',
    );
  }
  const limit = optionalInteger(body, 'limit', 1, 50) ?? 50;
  const after = decodeToken<string>(optionalString(body, 'nextToken'));
  // ASCII order, as the service lists them (not the locale's).
  const names = [...ctx.store.groups.keys()]
    .filter((n) => (prefix === undefined ? true : n.startsWith(prefix)))
    .filter((n) => (pattern === undefined ? true : n.includes(pattern)))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .filter((n) => after === undefined || n > after);
  const page = names.slice(0, limit);
  const logGroups = page.map((name) => {
    const group = ctx.store.groups.get(name);
    if (!group) throw new Error(`group ${name} vanished`);
    const arn = groupArn(ctx, group);
    return {
      logGroupName: group.name,
      creationTime: group.creationTime,
      ...(group.retentionInDays === undefined ? {} : { retentionInDays: group.retentionInDays }),
      metricFilterCount: 0,
      arn: `${arn}:*`,
      storedBytes: group.storedBytes,
      logGroupClass: 'STANDARD',
      logGroupArn: arn,
    };
  });
  const last = page.at(-1);
  return {
    logGroups,
    ...(last !== undefined && names.length > page.length ? { nextToken: encodeToken(last) } : {}),
  };
};

export const getLogGroupFields: Operation = (ctx, body) => {
  const [, identifier] = exactlyOne(body, ['logGroupName', 'logGroupIdentifier']);
  const group = findGroup(ctx.store, String(identifier), ctx.options.accountId);
  const time = optionalInteger(body, 'time', 0, Number.MAX_SAFE_INTEGER);
  const [from, to] =
    time === undefined
      ? [ctx.options.now() - DEFAULT_FIELD_SPAN_MS, ctx.options.now()]
      : [time * 1000 - FIELD_WINDOW_MS, time * 1000 + FIELD_WINDOW_MS];
  const events = ctx.store.range(group, from, to);
  if (events.length === 0) return { logGroupFields: [] };
  const counts = new Map<string, number>(SYSTEM_FIELDS.map((f) => [f, events.length]));
  for (const event of events) {
    for (const field of Object.keys(jsonFieldsOf(event))) {
      counts.set(field, (counts.get(field) ?? 0) + 1);
    }
  }
  const logGroupFields = [...counts]
    .map(([name, count]) => ({ name, percent: Math.round((100 * count) / events.length) }))
    .sort((a, b) => b.percent - a.percent || (a.name < b.name ? -1 : 1));
  return { logGroupFields };
};
