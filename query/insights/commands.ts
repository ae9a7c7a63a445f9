import type { Position } from '../../model';
import type { FilterExpr } from '../ir';

/** An expression of a command list (`fields`, `display`, `dedup`, `stats … by`), as written. */
export interface InsightsItem {
  expression: string;
  /** The field, without backquotes, when the expression is a plain field. */
  field?: string;
  /** The name given by `as`. */
  alias?: string;
  pos: Position;
}

export interface InsightsAggregate extends InsightsItem {
  /** The function, lower-cased, when the expression is a single call such as `count(*)`. */
  function?: string;
  /** The call's arguments as written; `*` for `count(*)`. */
  arguments: string[];
}

export interface InsightsGroup extends InsightsItem {
  /** `bin(5m)`: the period as written and, when it has a fixed length, in milliseconds. */
  bin?: { period: string; ms?: number };
}

/** Why a filter has no equivalent in the search IR, naming the construct and where it stands. */
export interface InsightsRefusal {
  reason: string;
  pos: Position;
}

export type InsightsCommand =
  | { kind: 'fields' | 'display' | 'dedup'; items: InsightsItem[]; pos: Position }
  /** The condition as the search IR where it maps; otherwise why it does not. */
  | {
      kind: 'filter';
      condition: string;
      search: { filter: FilterExpr } | { refusal: InsightsRefusal };
      pos: Position;
    }
  | {
      kind: 'parse';
      source: string;
      mode: 'glob' | 'regex' | 'logfmt';
      /** The glob or the regex, without its quotes or slashes; '' for logfmt. */
      pattern: string;
      /** The fields it creates: the aliases, the named groups, or logfmt's map name. */
      names: string[];
      /** `multi`: a row for every match of the regex. */
      multi?: true;
      pos: Position;
    }
  | { kind: 'stats'; aggregates: InsightsAggregate[]; groups: InsightsGroup[]; pos: Position }
  /** `direction` only where written: the docs do not say which order a bare key sorts in. */
  | { kind: 'sort'; keys: (InsightsItem & { direction?: 'asc' | 'desc' })[]; pos: Position }
  | { kind: 'limit'; count: number; pos: Position }
  /** pattern, diff, unmask…: sent as written, never translated. */
  | { kind: 'other'; name: string; pos: Position };

/** A Logs Insights query: its text, sent to CloudWatch unchanged, and its commands in order. */
export interface InsightsQuery {
  kind: 'insights';
  text: string;
  commands: InsightsCommand[];
  pos: Position;
}
