import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { AwsError, invalidParameter } from './awsError';
import type { SimContext } from './context';
import { eventFrame, exceptionFrame } from './eventStream';
import { compileFilterPattern } from './filterPattern';
import { findGroup, optionalString, optionalStrings, type Body } from './params';
import type { LogEvent } from './store';

/** Live Tail sends at most this many events a second and says it sampled the rest. */
const MAX_EVENTS_PER_UPDATE = 500;
/** AWS ends a session after three hours. */
const SESSION_MS = 3 * 3_600_000;

export interface LiveTailSessions {
  /** Open sessions, for tests to see that a client closed its stream. */
  open: number;
}

function validate(ctx: SimContext, body: Body) {
  const identifiers = optionalStrings(body, 'logGroupIdentifiers', 10);
  if (!identifiers || identifiers.length === 0) {
    throw invalidParameter('logGroupIdentifiers must contain between 1 and 10 log groups.');
  }
  const groups = identifiers.map((id) => findGroup(ctx.store, id, ctx.options.accountId));
  const names = optionalStrings(body, 'logStreamNames', 100);
  const prefixes = optionalStrings(body, 'logStreamNamePrefixes', 100);
  if (names && prefixes) {
    throw invalidParameter('logStreamNames and logStreamNamePrefixes are mutually exclusive.');
  }
  if ((names || prefixes) && groups.length > 1) {
    throw invalidParameter('Log stream filters need exactly one log group identifier.');
  }
  const pattern = optionalString(body, 'logEventFilterPattern', 1024);
  const matches = compileFilterPattern(pattern);
  const wanted = new Set(groups);
  const inStream = (e: LogEvent) =>
    names
      ? names.includes(e.stream)
      : prefixes
        ? prefixes.some((p) => e.stream.startsWith(p))
        : true;
  return {
    identifiers,
    names,
    prefixes,
    pattern,
    accepts: (e: LogEvent) => wanted.has(e.group) && inStream(e) && matches(e),
  };
}

/**
 * StartLiveTail: an event stream of `sessionStart`, then a `sessionUpdate` every interval with
 * the events ingested since (sampled to 500), until the client leaves or three hours pass.
 */
export function startLiveTail(
  ctx: SimContext,
  body: Body,
  res: ServerResponse,
  requestId: string,
  sessions: LiveTailSessions,
): void {
  if (ctx.fault?.liveTailUnavailable) {
    throw new AwsError(
      'InvalidOperationException',
      `Live Tail is not supported in ${ctx.options.region}.`,
    );
  }
  const session = validate(ctx, body);
  res.writeHead(200, {
    'Content-Type': 'application/vnd.amazon.eventstream',
    'x-amzn-RequestId': requestId,
  });
  res.write(
    eventFrame('sessionStart', {
      requestId,
      sessionId: randomUUID(),
      logGroupIdentifiers: session.identifiers,
      ...(session.names ? { logStreamNames: session.names } : {}),
      ...(session.prefixes ? { logStreamNamePrefixes: session.prefixes } : {}),
      ...(session.pattern ? { logEventFilterPattern: session.pattern } : {}),
    }),
  );
  let pending: LogEvent[] = [];
  const unsubscribe = ctx.store.onIngest((events) => {
    pending.push(...events.filter(session.accepts));
  });
  const started = Date.now();
  sessions.open++;
  const timer = setInterval(() => {
    if (Date.now() - started >= SESSION_MS) {
      res.end(exceptionFrame('SessionTimeoutException', 'Session timed out after 3 hours.'));
      return;
    }
    const sampled = pending.length > MAX_EVENTS_PER_UPDATE;
    const sent = sampled ? pending.slice(-MAX_EVENTS_PER_UPDATE) : pending;
    pending = [];
    res.write(
      eventFrame('sessionUpdate', {
        sessionMetadata: { sampled },
        sessionResults: sent
          .sort((a, b) => a.timestamp - b.timestamp)
          .map((e) => ({
            logStreamName: e.stream,
            logGroupIdentifier: `${ctx.options.accountId}:${e.group.name}`,
            message: e.message,
            timestamp: e.timestamp,
            ingestionTime: e.ingestionTime,
          })),
      }),
    );
  }, ctx.options.liveTailIntervalMs);
  res.on('close', () => {
    clearInterval(timer);
    unsubscribe();
    sessions.open--;
  });
}
