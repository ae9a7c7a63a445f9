import type { CloudWatchSimFault, RecordedRequest, ResolvedCloudWatchSimOptions } from './options';
import type { Body } from './params';
import type { QueryRegistry } from './queries';
import type { LogGroup, LogStore } from './store';

/** What every operation can reach. */
export interface SimContext {
  options: ResolvedCloudWatchSimOptions;
  store: LogStore;
  queries: QueryRegistry;
  requests: RecordedRequest[];
  fault: CloudWatchSimFault | undefined;
}

export type Operation = (ctx: SimContext, body: Body) => unknown;

export function groupArn(ctx: SimContext, group: LogGroup): string {
  return `arn:aws:logs:${ctx.options.region}:${ctx.options.accountId}:log-group:${group.name}`;
}
