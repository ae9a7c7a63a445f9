import type { LogEvent } from './store';

const PREFIX = 'CWSIM';

/** `@ptr`: opaque to clients, as CloudWatch's base64 protobuf is; here it names the event id. */
export function encodePointer(event: LogEvent): string {
  return Buffer.from(`${PREFIX}:${event.id}:${event.timestamp}`).toString('base64');
}

export function decodePointer(pointer: string): number | undefined {
  const [prefix, id] = Buffer.from(pointer, 'base64').toString('utf8').split(':');
  return prefix === PREFIX && id !== undefined && /^\d+$/.test(id) ? Number(id) : undefined;
}

/** `eventId`: a 56-digit decimal string as FilterLogEvents gives, unique per event. */
export function eventId(event: LogEvent): string {
  return `${String(event.timestamp).padStart(20, '0')}${String(event.id).padStart(36, '0')}`;
}
