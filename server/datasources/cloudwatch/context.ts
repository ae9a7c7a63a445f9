import {
  GetLogEventsCommand,
  GetLogRecordCommand,
  type GetLogEventsCommandInput,
  type OutputLogEvent,
} from '@aws-sdk/client-cloudwatch-logs';
import { LogsiftError, type LogRecord } from '../../../model';
import type { ContextQuery, ContextResult } from '../datasource';
import { SetInterner } from '../setInterner';
import type { CloudWatchApi } from './client';
import type { RecordShape } from './records';
import { recordOfEvent } from './tailEvents';

/** How far each way the stream is read. */
export const CONTEXT_WINDOW_MS = 24 * 3_600_000;
/** GetLogEvents pages may come back part full, even empty: a bound on the calls per side. */
const MAX_PAGES = 10;

/** `@log` as Insights writes it, `<account>:<group>`, or a bare group name, to a group name. */
export function groupNameOf(log: string): string {
  return log.replace(/^\d{12}:/, '');
}

/**
 * Events of one side, oldest first: the newest `want` before the end (backward) or the
 * oldest `want` from the start (forward), paged until enough or the token comes back unchanged.
 */
async function readSide(
  api: CloudWatchApi,
  input: GetLogEventsCommandInput,
  want: number,
  forward: boolean,
  signal: AbortSignal,
): Promise<OutputLogEvent[]> {
  let events: OutputLogEvent[] = [];
  let token: string | undefined;
  for (let page = 0; page < MAX_PAGES && events.length < want; page++) {
    const res = await api.call(
      'GetLogEvents',
      (s) =>
        api.sdk.send(
          new GetLogEventsCommand({
            ...input,
            limit: Math.min(10_000, want - events.length),
            startFromHead: forward,
            ...(token ? { nextToken: token } : {}),
          }),
          { abortSignal: s },
        ),
      signal,
    );
    const got = res.events ?? [];
    events = forward ? [...events, ...got] : [...got, ...events];
    const next = forward ? res.nextForwardToken : res.nextBackwardToken;
    if (!next || next === token) break;
    token = next;
  }
  return forward ? events.slice(0, want) : events.slice(-want);
}

/**
 * The log stream around the event: GetLogEvents on its group and stream, ending just before
 * its millisecond (endTime is exclusive) and starting at it (startTime is inclusive). Events
 * sharing its millisecond are placed by the stream's own order, the event found among them
 * by its message (read with GetLogRecord from its `@ptr`, only when there are such events);
 * when it is not found they all go after it.
 */
export async function cloudWatchContext(
  api: CloudWatchApi,
  req: ContextQuery,
  shape: RecordShape,
  signal: AbortSignal,
): Promise<ContextResult> {
  const log = req.record.labels['@log'];
  const stream = req.record.labels['@logStream'];
  if (log === undefined || stream === undefined) {
    throw new LogsiftError('bad_query', 'the line has no @log and @logStream to read around it');
  }
  const ms = Number(BigInt(req.record.ts) / 1_000_000n);
  const base = { logGroupName: groupNameOf(log), logStreamName: stream };
  const olderInput = { ...base, startTime: ms - CONTEXT_WINDOW_MS, endTime: ms };
  const newerInput = { ...base, startTime: ms, endTime: ms + CONTEXT_WINDOW_MS };
  const readNewer = (want: number) =>
    want === 0 ? Promise.resolve([]) : readSide(api, newerInput, want, true, signal);
  const [older, first] = await Promise.all([
    req.before === 0 ? [] : readSide(api, olderInput, req.before, false, signal),
    readNewer(req.after + 1),
  ]);
  let newer = first;
  let at = -1;
  if (newer.some((e) => e.timestamp === ms)) {
    const own = await api.call(
      'GetLogRecord',
      (s) =>
        api.sdk.send(new GetLogRecordCommand({ logRecordPointer: req.record.id }), {
          abortSignal: s,
        }),
      signal,
    );
    const message = own.logRecord?.['@message'];
    at = newer.findIndex((e) => e.timestamp === ms && e.message === message);
    // Events of its millisecond before it took places meant for those after it: read on.
    if (at > 0 && newer.length === req.after + 1) newer = await readNewer(req.after + 1 + at);
  }
  const interner = new SetInterner();
  const recordsOf = (events: OutputLogEvent[]): LogRecord[] =>
    events.flatMap(
      (e) =>
        recordOfEvent(
          { logGroupName: log, logStreamName: stream, timestamp: e.timestamp, message: e.message },
          shape,
          interner,
        ) ?? [],
    );
  const before = at > 0 ? [...older, ...newer.slice(0, at)] : older;
  const after = at >= 0 ? newer.slice(at + 1) : newer;
  return {
    before: recordsOf(req.before === 0 ? [] : before.slice(-req.before)),
    after: recordsOf(after.slice(0, req.after)),
  };
}
