import { jsonFieldsOf, type LogEvent } from '../store';
import type { Value } from './ast';

/**
 * One result row: an event's system and discovered fields, under the fields the query set.
 * Rows made by `stats` have no event.
 */
export class Row {
  private values: Map<string, Value> | undefined;

  constructor(
    readonly event: LogEvent | undefined,
    /** The `@log` value: `<account id>:<log group name>`. */
    private readonly logId: string,
  ) {}

  static of(values: Map<string, Value>): Row {
    const row = new Row(undefined, '');
    row.values = values;
    return row;
  }

  get(name: string): Value {
    if (this.values?.has(name)) return this.values.get(name);
    const event = this.event;
    if (!event) return undefined;
    switch (name) {
      case '@timestamp':
        return new Date(event.timestamp);
      case '@message':
        return event.message;
      case '@logStream':
        return event.stream;
      case '@log':
        return this.logId;
      case '@ingestionTime':
        return new Date(event.ingestionTime);
      default:
        return jsonFieldsOf(event)[name];
    }
  }

  set(name: string, value: Value): void {
    (this.values ??= new Map()).set(name, value);
  }
}
