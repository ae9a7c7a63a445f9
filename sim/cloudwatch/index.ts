import type { SimContext } from './context';
import type { LiveTailSessions } from './liveTail';
import {
  resolveOptions,
  type CloudWatchSimFault,
  type CloudWatchSimOptions,
  type RecordedRequest,
} from './options';
import { QueryRegistry } from './queries';
import { loadSamples, sampleGroupNames } from './samples';
import { createSimServer } from './server';
import { LogStore, type NewEvent } from './store';
import { listen } from '../listen';

export type { CloudWatchSimFault, CloudWatchSimOptions, RecordedRequest } from './options';
export { sampleGroupNames } from './samples';

export interface CloudWatchSim {
  url: string;
  port: number;
  /** The sample log groups' names. */
  groups: ReturnType<typeof sampleGroupNames>;
  close(): Promise<void>;
  /** Every request so far, oldest first; tests may clear it with `requests.length = 0`. */
  requests: RecordedRequest[];
  setFault(fault: CloudWatchSimFault | undefined): void;
  /** Scheduled + Running Insights queries: what the concurrency quota counts. */
  runningQueries(): number;
  /** Open Live Tail sessions. */
  liveTailSessions(): number;
  /** Ingests events into a log stream (group and stream made on first use), as PutLogEvents. */
  putLogEvents(logGroupName: string, logStreamName: string, events: NewEvent[]): void;
}

/** Starts a CloudWatch Logs stand-in (AWS JSON 1.1 on `POST /`) over the bundled samples. */
export async function startCloudWatchSim(
  options: CloudWatchSimOptions = {},
): Promise<CloudWatchSim> {
  const resolved = resolveOptions(options);
  const store = new LogStore(resolved.now);
  const stopSamples = await loadSamples(store, resolved);
  const stopWarming = store.warmFields();
  const ctx: SimContext = {
    options: resolved,
    store,
    queries: new QueryRegistry(resolved),
    requests: [],
    fault: undefined,
  };
  const sessions: LiveTailSessions = { open: 0 };
  const server = createSimServer(ctx, sessions);
  const listening = await listen(server, resolved.port, resolved.host);
  return {
    url: listening.url,
    port: listening.port,
    groups: sampleGroupNames(resolved.cluster),
    requests: ctx.requests,
    setFault(fault) {
      ctx.fault = fault && { ...fault };
    },
    runningQueries: () => ctx.queries.active(),
    liveTailSessions: () => sessions.open,
    putLogEvents(logGroupName, logStreamName, events) {
      store.put(store.group(logGroupName, resolved.now()), logStreamName, events);
    },
    async close() {
      stopSamples();
      stopWarming();
      await listening.close();
    },
  };
}
