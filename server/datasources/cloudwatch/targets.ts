import { DescribeLogGroupsCommand, type LogGroup } from '@aws-sdk/client-cloudwatch-logs';
import { LogsiftError } from '../../../model';
import type { TargetInfo } from '../datasource';
import type { CloudWatchApi } from './client';

/** DescribeLogGroups pages of 50: a picker shows at most this many groups. */
const MAX_PAGES = 10;
const NAME = /^[.\-_/#A-Za-z0-9]{1,512}$/;
export const MAX_LOG_GROUPS = 50;

export async function describeLogGroups(
  api: CloudWatchApi,
  prefix: string | undefined,
  signal: AbortSignal,
  maxPages = MAX_PAGES,
): Promise<LogGroup[]> {
  const groups: LogGroup[] = [];
  let nextToken: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const res = await api.call(
      'DescribeLogGroups',
      (s) =>
        api.sdk.send(
          new DescribeLogGroupsCommand({
            limit: 50,
            ...(prefix ? { logGroupNamePrefix: prefix } : {}),
            ...(nextToken ? { nextToken } : {}),
          }),
          { abortSignal: s },
        ),
      signal,
    );
    groups.push(...(res.logGroups ?? []));
    nextToken = res.nextToken;
    if (!nextToken) break;
  }
  return groups;
}

/** Log groups for the picker, by name prefix (AWS searches prefixes only), ASCII order. */
export async function logGroupTargets(
  api: CloudWatchApi,
  prefix: string | undefined,
  signal: AbortSignal,
): Promise<TargetInfo[]> {
  const groups = await describeLogGroups(api, prefix, signal);
  return groups.flatMap((g) =>
    g.logGroupName ? [{ name: g.logGroupName, kind: 'log_group' as const }] : [],
  );
}

/** The log groups a request names (a list, or one), else the configured ones. */
export function logGroupsOf(
  req: { target?: string; targets?: string[] },
  configured: string[],
): string[] {
  const named = req.targets ?? (req.target !== undefined ? [req.target] : undefined);
  if (named === undefined || named.length === 0) return configured;
  const groups = [...new Set(named)];
  if (groups.length > MAX_LOG_GROUPS) {
    throw new LogsiftError(
      'limit',
      `a CloudWatch Logs Insights query reads at most ${MAX_LOG_GROUPS} log groups; ${groups.length} were named`,
    );
  }
  const bad = groups.find((g) => !NAME.test(g));
  if (bad !== undefined) {
    throw new LogsiftError(
      'bad_query',
      `"${bad}" is not a log group name (letters, digits and _-/.#)`,
    );
  }
  return groups;
}
