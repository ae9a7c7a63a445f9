import { invalidParameter, resourceNotFound } from './awsError';
import type { Operation } from './context';
import {
  exactlyOne,
  findGroup,
  optionalInteger,
  optionalString,
  requiredString,
  type Body,
} from './params';
import { lowerBound, type LogEvent } from './store';

/** AWS answers at most 1 MB of events a call, whatever the limit. */
const MAX_RESPONSE_BYTES = 1_048_576;

function optionalBoolean(body: Body, name: string): boolean | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') {
    throw invalidParameter(`Unexpected value type for member '${name}'`);
  }
  return value;
}

/** Tokens hold a place in the stream: `f/<index>` reads on from it, `b/<index>` back from it. */
function readToken(token: string | undefined): { forward: boolean; at: number } | undefined {
  if (token === undefined) return undefined;
  const match = /^([fb])\/(\d{1,12})$/.exec(token);
  if (!match) throw invalidParameter('The specified nextToken is invalid.');
  return { forward: match[1] === 'f', at: Number(match[2]) };
}

/**
 * GetLogEvents: one stream's events in [startTime, endTime), oldest first in each page. Without
 * a token, the newest `limit` of them unless `startFromHead`; `nextForwardToken` and
 * `nextBackwardToken` always come back, the same token as sent at the end of the stream.
 */
export const getLogEvents: Operation = (ctx, body) => {
  const [, identifier] = exactlyOne(body, ['logGroupName', 'logGroupIdentifier']);
  const group = findGroup(ctx.store, String(identifier), ctx.options.accountId);
  const streamName = requiredString(body, 'logStreamName', 512);
  if (!group.streams.has(streamName)) {
    throw resourceNotFound('The specified log stream does not exist.');
  }
  const startTime = optionalInteger(body, 'startTime', 0, Number.MAX_SAFE_INTEGER) ?? 0;
  const endTime =
    optionalInteger(body, 'endTime', 0, Number.MAX_SAFE_INTEGER) ?? Number.MAX_SAFE_INTEGER;
  const limit = optionalInteger(body, 'limit', 1, 10_000) ?? 10_000;
  const fromHead = optionalBoolean(body, 'startFromHead') ?? false;
  const token = readToken(optionalString(body, 'nextToken'));

  const events = group.events.filter((e) => e.stream === streamName);
  const lo = lowerBound(events, startTime);
  const hi = Math.max(lo, lowerBound(events, endTime));
  const forward = token ? token.forward : fromHead;
  let from: number;
  let to: number;
  if (forward) {
    from = Math.min(Math.max(token?.at ?? lo, lo), hi);
    to = Math.min(from + limit, hi);
  } else {
    to = Math.max(Math.min(token?.at ?? hi, hi), lo);
    from = Math.max(to - limit, lo);
  }
  let bytes = 0;
  const page: LogEvent[] = [];
  for (let i = forward ? from : to - 1; forward ? i < to : i >= from; i += forward ? 1 : -1) {
    const event = events[i] as LogEvent;
    bytes += event.size;
    if (bytes > MAX_RESPONSE_BYTES && page.length > 0) break;
    page.push(event);
  }
  if (forward) to = from + page.length;
  else {
    page.reverse();
    from = to - page.length;
  }
  return {
    events: page.map((e) => ({
      timestamp: e.timestamp,
      message: e.message,
      ingestionTime: e.ingestionTime,
    })),
    nextForwardToken: `f/${String(to).padStart(12, '0')}`,
    nextBackwardToken: `b/${String(from).padStart(12, '0')}`,
  };
};
