import { FilterLogEventsCommand, StartLiveTailCommand } from '@aws-sdk/client-cloudwatch-logs';
import { LogsiftError, type LogRecord } from '../../../model';
import type { TailSession, TailSink } from '../datasource';
import { SetInterner } from '../setInterner';
import { sleep } from './backoff';
import type { CloudWatchApi } from './client';
import { cloudWatchError } from './errors';
import type { RecordShape } from './records';
import { recordOfEvent } from './tailEvents';
import { describeLogGroups } from './targets';

/** StartLiveTail follows at most 10 log groups. */
const LIVE_TAIL_GROUPS = 10;
/** FilterLogEvents pages followed in one poll before the next interval. */
const PAGES_PER_POLL = 20;

export interface CloudWatchTailOptions {
  logGroupNames: string[];
  pattern: string | undefined;
  shape: RecordShape;
  mode: 'auto' | 'live' | 'poll';
  pollIntervalMs: number;
  timeoutMs: number;
  now: () => number;
}

function errorBody(error: unknown, operation: string) {
  return cloudWatchError(error, operation).toBody();
}

/** Live Tail names log groups by ARN: looked up by name with DescribeLogGroups. */
async function arnsOf(api: CloudWatchApi, names: string[], signal: AbortSignal): Promise<string[]> {
  const arns: string[] = [];
  for (const name of names.slice(0, LIVE_TAIL_GROUPS)) {
    const groups = await describeLogGroups(api, name, signal, 1);
    const group = groups.find((g) => g.logGroupName === name);
    const arn = group?.logGroupArn ?? group?.arn?.replace(/:\*$/, '');
    if (!arn) throw new LogsiftError('not_found', `log group ${name} does not exist`);
    arns.push(arn);
  }
  return arns;
}

/**
 * A live tail: StartLiveTail's event stream, one update a second with CloudWatch's sampling
 * flag passed on; where Live Tail is missing (a Region without it, a role without
 * logs:StartLiveTail) and `mode` is auto, FilterLogEvents polling instead, said once.
 */
export function startCloudWatchTail(
  api: CloudWatchApi,
  opts: CloudWatchTailOptions,
  sink: TailSink,
): TailSession {
  const controller = new AbortController();
  const signal = controller.signal;
  const interner = new SetInterner();
  const send = (records: LogRecord[], extra: { sampled?: boolean; warnings?: string[] } = {}) => {
    if (!signal.aborted) sink({ type: 'records', records, ...extra });
  };
  const fail = (error: unknown, operation: string) => {
    if (!signal.aborted) sink({ type: 'error', error: errorBody(error, operation) });
  };

  const live = async () => {
    const arns = await arnsOf(api, opts.logGroupNames, signal);
    const byArn = new Map(arns.map((arn, i) => [arn, opts.logGroupNames[i] ?? arn]));
    const res = await api.sdk.send(
      new StartLiveTailCommand({
        logGroupIdentifiers: arns,
        ...(opts.pattern ? { logEventFilterPattern: opts.pattern } : {}),
      }),
      { abortSignal: signal },
    );
    if (opts.logGroupNames.length > LIVE_TAIL_GROUPS) {
      send([], {
        warnings: [
          `Live Tail follows at most ${LIVE_TAIL_GROUPS} log groups: the first ${LIVE_TAIL_GROUPS} of ${opts.logGroupNames.length}`,
        ],
      });
    }
    return async () => {
      for await (const event of res.responseStream ?? []) {
        if (event.sessionUpdate) {
          const records = (event.sessionUpdate.sessionResults ?? []).flatMap((e) => {
            const group = byArn.get(e.logGroupIdentifier ?? '') ?? e.logGroupIdentifier ?? '';
            const record = recordOfEvent({ ...e, logGroupName: group }, opts.shape, interner);
            return record ? [record] : [];
          });
          const sampled = event.sessionUpdate.sessionMetadata?.sampled === true;
          if (records.length > 0 || sampled) send(records, sampled ? { sampled } : {});
        } else if (event.SessionTimeoutException || event.SessionStreamingException) {
          throw event.SessionTimeoutException ?? event.SessionStreamingException;
        }
      }
    };
  };

  const poll = async (warning?: string) => {
    if (warning) send([], { warnings: [warning] });
    let edgeMs = opts.now();
    let seenAtEdge = new Set<string>();
    let failing = false;
    while (!signal.aborted) {
      try {
        const records: LogRecord[] = [];
        for (const logGroupName of opts.logGroupNames) {
          let nextToken: string | undefined;
          // Pages may be empty and still carry a token: follow it, up to a bound per poll.
          for (let page = 0; page < PAGES_PER_POLL; page++) {
            const res = await api.call(
              'FilterLogEvents',
              (s) =>
                api.sdk.send(
                  new FilterLogEventsCommand({
                    logGroupName,
                    startTime: edgeMs,
                    endTime: opts.now(),
                    ...(opts.pattern ? { filterPattern: opts.pattern } : {}),
                    ...(nextToken ? { nextToken } : {}),
                  }),
                  { abortSignal: s },
                ),
              signal,
            );
            for (const e of res.events ?? []) {
              if (e.eventId && seenAtEdge.has(e.eventId)) continue;
              const record = recordOfEvent({ ...e, logGroupName }, opts.shape, interner);
              if (record) records.push(record);
            }
            nextToken = res.nextToken;
            if (!nextToken) break;
          }
        }
        failing = false;
        if (records.length > 0) {
          records.sort(
            (a, b) => a.ts.length - b.ts.length || (a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : 0),
          );
          const lastMs = Number(BigInt(records.at(-1)?.ts ?? '0') / 1_000_000n);
          if (lastMs !== edgeMs) seenAtEdge = new Set();
          edgeMs = lastMs;
          for (const r of records) {
            if (Number(BigInt(r.ts) / 1_000_000n) === edgeMs) seenAtEdge.add(r.id);
          }
          send(records);
        }
      } catch (error) {
        if (signal.aborted) return;
        const e = cloudWatchError(error, 'FilterLogEvents');
        if (e.code === 'bad_query' || e.code === 'forbidden' || e.code === 'not_found') {
          fail(e, 'FilterLogEvents');
          return;
        }
        // An outage is said once; polling goes on and resumes from where it stopped.
        if (!failing) fail(e, 'FilterLogEvents');
        failing = true;
      }
      await sleep(opts.pollIntervalMs, signal).catch(() => undefined);
    }
  };

  const run = async () => {
    if (opts.mode === 'poll') return poll();
    let follow: () => Promise<void>;
    try {
      follow = await live();
    } catch (error) {
      if (signal.aborted) return;
      if (opts.mode === 'live') return fail(error, 'StartLiveTail');
      const why = cloudWatchError(error, 'StartLiveTail').message;
      return poll(
        `Live Tail is not available here (${why}); following with FilterLogEvents every ${opts.pollIntervalMs / 1000} s instead`,
      );
    }
    try {
      await follow();
    } catch (error) {
      fail(error, 'StartLiveTail');
    }
  };
  void run();
  return { close: () => controller.abort() };
}
