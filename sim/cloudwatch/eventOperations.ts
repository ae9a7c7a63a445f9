import { invalidParameter } from './awsError';
import type { Operation } from './context';
import { compileFilterPattern } from './filterPattern';
import {
  decodeToken,
  encodeToken,
  exactlyOne,
  findGroup,
  optionalInteger,
  optionalString,
  optionalStrings,
} from './params';
import { eventId } from './pointers';
import { lowerBound, type LogEvent } from './store';

/** Where the previous page stopped: the last event it looked at. */
interface Cursor {
  t: number;
  i: number;
}

const after = (e: LogEvent, c: Cursor) => e.timestamp > c.t || (e.timestamp === c.t && e.id > c.i);

/**
 * FilterLogEvents: events in time order. Each call looks at `filterScanPerPage` events at most,
 * so a page can hold nothing and still carry a nextToken, as AWS's pages can.
 */
export const filterLogEvents: Operation = (ctx, body) => {
  const [, identifier] = exactlyOne(body, ['logGroupName', 'logGroupIdentifier']);
  const group = findGroup(ctx.store, String(identifier), ctx.options.accountId);
  const streamNames = optionalStrings(body, 'logStreamNames', 100);
  const streamPrefix = optionalString(body, 'logStreamNamePrefix', 512);
  if (streamNames !== undefined && streamPrefix !== undefined) {
    throw invalidParameter(
      'logStreamNames and logStreamNamePrefix are mutually exclusive parameters.',
    );
  }
  const startTime = optionalInteger(body, 'startTime', 0, Number.MAX_SAFE_INTEGER) ?? 0;
  const endTime =
    optionalInteger(body, 'endTime', 0, Number.MAX_SAFE_INTEGER) ?? Number.MAX_SAFE_INTEGER;
  const limit = optionalInteger(body, 'limit', 1, 10_000) ?? 10_000;
  const matches = compileFilterPattern(optionalString(body, 'filterPattern', 1024));
  const cursor = decodeToken<Cursor>(optionalString(body, 'nextToken'));
  const inStream = streamNames
    ? (e: LogEvent) => streamNames.includes(e.stream)
    : streamPrefix !== undefined
      ? (e: LogEvent) => e.stream.startsWith(streamPrefix)
      : () => true;

  const events = group.events;
  let i = lowerBound(events, Math.max(startTime, cursor?.t ?? 0));
  const found: LogEvent[] = [];
  let looked = 0;
  let last: LogEvent | undefined;
  for (; i < events.length && looked < ctx.options.filterScanPerPage; i++) {
    const event = events[i] as LogEvent;
    if (event.timestamp > endTime) break;
    if (cursor && !after(event, cursor)) continue;
    looked++;
    last = event;
    if (inStream(event) && matches(event)) found.push(event);
    if (found.length >= limit) {
      i++;
      break;
    }
  }
  const more = i < events.length && (events[i] as LogEvent).timestamp <= endTime;
  return {
    events: found.map((e) => ({
      logStreamName: e.stream,
      timestamp: e.timestamp,
      message: e.message,
      ingestionTime: e.ingestionTime,
      eventId: eventId(e),
    })),
    ...(more && last ? { nextToken: encodeToken({ t: last.timestamp, i: last.id }) } : {}),
  };
};
