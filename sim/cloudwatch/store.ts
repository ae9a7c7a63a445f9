import { flattenJson } from './jsonFields';

/** One log event as CloudWatch keeps it; `fields` are the discovered JSON fields, made on use. */
export interface LogEvent {
  /** Unique in the simulator: what `@ptr` and `eventId` encode. */
  id: number;
  group: LogGroup;
  stream: string;
  timestamp: number;
  ingestionTime: number;
  message: string;
  /** UTF-8 bytes of the message plus the 26 bytes of overhead AWS counts per event. */
  size: number;
  fields?: Record<string, string | number | boolean>;
}

export interface LogStream {
  name: string;
  creationTime: number;
  storedBytes: number;
}

export interface LogGroup {
  name: string;
  creationTime: number;
  retentionInDays?: number;
  streams: Map<string, LogStream>;
  /** Oldest first. */
  events: LogEvent[];
  storedBytes: number;
}

const EVENT_OVERHEAD_BYTES = 26;

/** The first index whose timestamp is ≥ `ms`, by binary search over time-ordered events. */
export function lowerBound(events: LogEvent[], ms: number): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((events[mid] as LogEvent).timestamp < ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface NewEvent {
  timestamp: number;
  message: string;
}

/** Log groups, their streams and events; ingestion listeners feed Live Tail. */
export class LogStore {
  readonly groups = new Map<string, LogGroup>();
  private readonly byId: LogEvent[] = [];
  private readonly listeners = new Set<(events: LogEvent[]) => void>();

  constructor(private readonly now: () => number) {}

  group(name: string, creationTime: number, retentionInDays?: number): LogGroup {
    let group = this.groups.get(name);
    if (!group) {
      group = { name, creationTime, streams: new Map(), events: [], storedBytes: 0 };
      if (retentionInDays !== undefined) group.retentionInDays = retentionInDays;
      this.groups.set(name, group);
    }
    return group;
  }

  /** Appends events (any order) to a stream, as PutLogEvents would; returns them. */
  put(group: LogGroup, streamName: string, events: NewEvent[]): LogEvent[] {
    const ingestionTime = this.now();
    let stream = group.streams.get(streamName);
    if (!stream) {
      const first = Math.min(...events.map((e) => e.timestamp), ingestionTime);
      stream = { name: streamName, creationTime: first, storedBytes: 0 };
      group.streams.set(streamName, stream);
    }
    const added = events.map((e) => {
      const size = Buffer.byteLength(e.message) + EVENT_OVERHEAD_BYTES;
      const event: LogEvent = {
        id: this.byId.length,
        group,
        stream: streamName,
        timestamp: e.timestamp,
        // Ingestion trails the event by a little, as an agent's batching makes it.
        ingestionTime: Math.max(e.timestamp, Math.min(ingestionTime, e.timestamp + 1_000)),
        message: e.message,
        size,
      };
      this.byId.push(event);
      (stream as LogStream).storedBytes += size;
      group.storedBytes += size;
      return event;
    });
    const outOfOrder = added.some(
      (e, i) => e.timestamp < ((i === 0 ? group.events.at(-1) : added[i - 1])?.timestamp ?? 0),
    );
    group.events.push(...added);
    if (outOfOrder) group.events.sort((a, b) => a.timestamp - b.timestamp || a.id - b.id);
    for (const listener of this.listeners) listener(added);
    return added;
  }

  event(id: number): LogEvent | undefined {
    return this.byId[id];
  }

  /** The events of `group` with `from ≤ timestamp ≤ to`, oldest first. */
  range(group: LogGroup, from: number, to: number): LogEvent[] {
    return group.events.slice(lowerBound(group.events, from), lowerBound(group.events, to + 1));
  }

  /**
   * Discovers the JSON fields of every event in the background, a chunk per turn of the event
   * loop, so that the first query over a large sample does not stall the server. Returns what
   * stops it.
   */
  warmFields(chunk = 2_000): () => void {
    let next = 0;
    let timer: NodeJS.Immediate | undefined;
    const step = () => {
      const end = Math.min(next + chunk, this.byId.length);
      for (; next < end; next++) jsonFieldsOf(this.byId[next] as LogEvent);
      timer = next < this.byId.length ? setImmediate(step) : undefined;
    };
    timer = setImmediate(step);
    return () => {
      if (timer) clearImmediate(timer);
    };
  }

  onIngest(listener: (events: LogEvent[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** The discovered JSON fields of an event's message, flattened once and kept. */
export function jsonFieldsOf(event: LogEvent): Record<string, string | number | boolean> {
  event.fields ??= flattenJson(event.message);
  return event.fields;
}
