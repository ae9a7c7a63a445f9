import { LogsiftError, type Language, type LogRecord } from '../../../model';
import type { SetInterner } from '../setInterner';
import { contentId, recordOfValues, type RecordShape } from './records';

/** Objects nested deeper than this stay one JSON field: a log line is not a database. */
const MAX_DEPTH = 8;

/**
 * A JSON message's members as Insights discovers them, dotted (`kubernetes.pod_name`), so a
 * tailed line has the labels and fields a queried one has.
 */
export function jsonFieldsOf(message: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!message.startsWith('{')) return out;
  let doc: unknown;
  try {
    doc = JSON.parse(message);
  } catch {
    return out;
  }
  const walk = (value: unknown, name: string, depth: number) => {
    if (typeof value === 'object' && value !== null && !Array.isArray(value) && depth < MAX_DEPTH) {
      for (const [k, v] of Object.entries(value)) walk(v, name ? `${name}.${k}` : k, depth + 1);
    } else if (value !== null && value !== undefined && name) {
      out[name] = typeof value === 'string' ? value : JSON.stringify(value);
    }
  };
  walk(doc, '', 0);
  return out;
}

export interface TailEvent {
  logGroupName: string;
  logStreamName?: string | undefined;
  timestamp?: number | undefined;
  message?: string | undefined;
  /** FilterLogEvents gives one; Live Tail does not, so one is made from the event. */
  eventId?: string | undefined;
}

export function recordOfEvent(
  event: TailEvent,
  shape: RecordShape,
  interner: SetInterner,
): LogRecord | undefined {
  if (event.timestamp === undefined) return undefined;
  const message = event.message ?? '';
  const values: Record<string, string> = {
    ...jsonFieldsOf(message),
    '@timestamp': String(event.timestamp),
    '@message': message,
    '@log': event.logGroupName,
    ...(event.logStreamName !== undefined ? { '@logStream': event.logStreamName } : {}),
  };
  const id =
    event.eventId ??
    contentId(
      `${event.logGroupName}\n${event.logStreamName ?? ''}\n${event.timestamp}\n${message}`,
    );
  return recordOfValues(values, shape, interner, id);
}

/**
 * What a tail follows, as a CloudWatch filter pattern: every line, or the lines containing
 * one text (`filter @message like "text"`), the one Insights filter both Live Tail and
 * FilterLogEvents can apply. Anything else is refused by name rather than ignored.
 */
export function tailPattern(language: Language, query: string): string | undefined {
  const text = query.trim();
  if (text === '') return undefined;
  const like = /^filter\s+@message\s+like\s+"((?:[^"\\]|\\.)*)"$/i.exec(text);
  if (language === 'insights' && like) return JSON.stringify(JSON.parse(`"${like[1] ?? ''}"`));
  throw new LogsiftError(
    'unsupported',
    'a CloudWatch live tail follows every line of the log groups, or those of one `filter @message like "text"`; other queries cannot be tailed',
    { from: 0, to: query.length },
  );
}
