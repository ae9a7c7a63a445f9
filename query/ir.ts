import type { Position } from '../model';

/** The common form every query language parses into and every backend compiles from. */

export type MatchOp = '=' | '!=' | '=~' | '!~';

export interface LabelMatcher {
  kind: 'matcher';
  name: string;
  op: MatchOp;
  value: string;
  pos: Position;
}

export type LineFilterOp = '|=' | '!=' | '|~' | '!~';

/** `|= "a" or "b"`: the line passes when any value matches (for != and !~: none does). */
export interface LineFilter {
  kind: 'lineFilter';
  op: LineFilterOp;
  values: string[];
  pos: Position;
}

export interface JsonParser {
  kind: 'json';
  /** `json a="x.y"`: only these labels, from these paths; empty means every key. */
  extract: { name: string; path: string }[];
  pos: Position;
}

export interface LogfmtParser {
  kind: 'logfmt';
  pos: Position;
}

export interface RegexpParser {
  kind: 'regexp';
  pattern: string;
  pos: Position;
}

export interface PatternParser {
  kind: 'pattern';
  pattern: string;
  pos: Position;
}

export interface UnpackParser {
  kind: 'unpack';
  pos: Position;
}

export type CompareOp = '==' | '!=' | '>' | '>=' | '<' | '<=';

/** Numbers, durations (as seconds) and bytes (as bytes) compare as numbers. */
export type LabelPredicate =
  | { kind: 'string'; name: string; op: MatchOp; value: string; pos: Position }
  | {
      kind: 'number';
      name: string;
      op: CompareOp;
      value: number;
      unit: 'none' | 'duration' | 'bytes';
      pos: Position;
    }
  | { kind: 'and' | 'or'; left: LabelPredicate; right: LabelPredicate; pos: Position };

export interface LabelFilterStage {
  kind: 'labelFilter';
  predicate: LabelPredicate;
  pos: Position;
}

/** A Go-template subset: literal text and `{{.label}}` references. */
export type TemplatePart = { text: string } | { label: string };

export interface LineFormatStage {
  kind: 'lineFormat';
  template: TemplatePart[];
  pos: Position;
}

export interface LabelFormatStage {
  kind: 'labelFormat';
  assignments: (
    { target: string; source: string } | { target: string; template: TemplatePart[] }
  )[];
  pos: Position;
}

export interface DropKeepStage {
  kind: 'drop' | 'keep';
  labels: ({ name: string } | LabelMatcher)[];
  pos: Position;
}

export interface DecolorizeStage {
  kind: 'decolorize';
  pos: Position;
}

export type PipelineStage =
  | LineFilter
  | JsonParser
  | LogfmtParser
  | RegexpParser
  | PatternParser
  | UnpackParser
  | LabelFilterStage
  | LineFormatStage
  | LabelFormatStage
  | DropKeepStage
  | DecolorizeStage;

export interface LogQueryIR {
  kind: 'log';
  selector: LabelMatcher[];
  pipeline: PipelineStage[];
  pos: Position;
}

export type RangeOp = 'count_over_time' | 'rate' | 'bytes_over_time' | 'bytes_rate';

export interface RangeAggregation {
  kind: 'range';
  op: RangeOp;
  rangeMs: number;
  log: LogQueryIR;
  pos: Position;
}

export type VectorOp = 'sum' | 'avg' | 'min' | 'max' | 'count' | 'topk' | 'bottomk';

export interface VectorAggregation {
  kind: 'vector';
  op: VectorOp;
  /** k of topk/bottomk. */
  param?: number;
  grouping?: { mode: 'by' | 'without'; labels: string[] };
  inner: MetricExpr;
  pos: Position;
}

export type MetricExpr = RangeAggregation | VectorAggregation;

export interface MetricQueryIR {
  kind: 'metric';
  expr: MetricExpr;
  pos: Position;
}

export type QueryIR = LogQueryIR | MetricQueryIR;

/**
 * A value of a search query (KQL, or LogQL translated for a search backend). Kibana sends an
 * unquoted literal as `match`, a phrase as `match_phrase` and a wildcard through `query_string`.
 */
export type SearchValue =
  /** Unquoted KQL keeps its text; only `null`, `true` and `false` are typed, as in Kibana. */
  | { kind: 'literal'; value: string | number | boolean | null }
  | { kind: 'phrase'; value: string }
  /** The literal pieces between `*` wildcards: `a*b` is ['a', 'b'], an escaped `\*` stays in a piece. */
  | { kind: 'wildcard'; parts: string[] };

/** A field name as written; with `wildcard`, each `*` in `name` stands for any characters. */
export interface SearchField {
  name: string;
  wildcard: boolean;
  pos: Position;
}

export type RangeBound = 'lt' | 'lte' | 'gt' | 'gte';

/** A boolean tree over fields and free text; every node keeps where it stands in the query. */
export type FilterExpr =
  | { kind: 'and' | 'or'; operands: FilterExpr[]; pos: Position }
  | { kind: 'not'; operand: FilterExpr; pos: Position }
  /** `field: null` is free text, searched in the backend's default fields. */
  | { kind: 'is'; field: SearchField | null; value: SearchValue; pos: Position }
  | { kind: 'range'; field: SearchField; op: RangeBound; value: SearchValue; pos: Position }
  | { kind: 'exists'; field: SearchField; pos: Position }
  /** `*:*`. */
  | { kind: 'all'; pos: Position }
  /** Only from LogQL's `=~`, `!~` and `|~`: KQL has no regular expressions. */
  | { kind: 'regexp'; field: SearchField; pattern: string; pos: Position }
  /** `path:{ expr }`: field names inside are relative to `path`. */
  | { kind: 'nested'; path: string; expr: FilterExpr; pos: Position };

export interface SearchQueryIR {
  kind: 'search';
  /** null matches every document (the empty query). */
  filter: FilterExpr | null;
  pos: Position;
}
