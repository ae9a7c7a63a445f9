import { LogsiftError, type Position } from '../../model';
import type {
  FilterExpr,
  LabelPredicate,
  LineFilter,
  MatchOp,
  PipelineStage,
  SearchField,
  SearchQueryIR,
} from '../ir';
import { parseLogQL } from '../logql/parse';
import { compileSearchToDsl } from './compile';
import { re2ToLucene } from './regex';
import type { EsQuery, SearchDslOptions } from './types';

export interface LogqlDslOptions extends SearchDslOptions {
  /** The Elasticsearch field holding the log line, for line filters; `message` by default. */
  messageField?: string;
}

const STAGE_NAMES: Record<PipelineStage['kind'], string> = {
  lineFilter: 'line filter',
  json: 'json',
  logfmt: 'logfmt',
  regexp: 'the regexp parser',
  pattern: 'the pattern parser',
  unpack: 'unpack',
  labelFilter: 'label filter',
  lineFormat: 'line_format',
  labelFormat: 'label_format',
  drop: 'drop',
  keep: 'keep',
  decolorize: 'decolorize',
};

function refuse(construct: string, pos: Position): LogsiftError {
  return new LogsiftError('unsupported', `LogQL ${construct} has no Elasticsearch equivalent`, pos);
}

/** LogQL's common subset as a search query; anything else is refused by name and position. */
export function logqlToSearch(text: string, options: LogqlDslOptions = {}): SearchQueryIR {
  const ir = parseLogQL(text);
  if (ir.kind === 'metric') throw refuse('metric query (use the histogram)', ir.pos);
  const operands = [
    ...ir.selector.map((m) => matcher(m.name, m.op, m.value, m.pos)),
    ...ir.pipeline.flatMap((stage) => stageFilter(stage, options)),
  ];
  const filter: FilterExpr | null =
    operands.length > 1 ? { kind: 'and', operands, pos: ir.pos } : (operands[0] ?? null);
  return { kind: 'search', filter, pos: ir.pos };
}

/** LogQL → Elasticsearch query DSL, compiled as KQL is (see compileSearchToDsl). */
export function logqlToDsl(text: string, options: LogqlDslOptions = {}): EsQuery {
  return compileSearchToDsl(logqlToSearch(text, options), options);
}

const fieldAt = (name: string, pos: Position): SearchField => ({ name, wildcard: false, pos });

/** Selector and label-filter matchers; `name=""` means the field is absent, as for Loki labels. */
function matcher(name: string, op: MatchOp, value: string, pos: Position): FilterExpr {
  const field = fieldAt(name, pos);
  let positive: FilterExpr;
  if (op === '=~' || op === '!~') {
    positive = { kind: 'regexp', field, pattern: re2ToLucene(value, true, pos), pos };
  } else if (value === '') {
    positive = { kind: 'exists', field, pos };
    return op === '=' ? { kind: 'not', operand: positive, pos } : positive;
  } else {
    positive = { kind: 'is', field, value: { kind: 'phrase', value }, pos };
  }
  return op === '=' || op === '=~' ? positive : { kind: 'not', operand: positive, pos };
}

function stageFilter(stage: PipelineStage, options: LogqlDslOptions): FilterExpr[] {
  switch (stage.kind) {
    case 'lineFilter':
      return lineFilter(stage, options);
    // Elasticsearch documents are already structured: the fields these would extract are there.
    case 'logfmt':
      return [];
    case 'json':
      if (stage.extract.length > 0) throw refuse('json with parameters', stage.pos);
      return [];
    case 'labelFilter': {
      const filter = predicate(stage.predicate);
      return filter ? [filter] : [];
    }
    default:
      throw refuse(STAGE_NAMES[stage.kind], stage.pos);
  }
}

function lineFilter(stage: LineFilter, options: LogqlDslOptions): FilterExpr[] {
  const name = options.messageField ?? 'message';
  const type = options.fields?.[name];
  const field = fieldAt(name, stage.pos);
  const regex = stage.op === '|~' || stage.op === '!~';
  if (regex && (type === 'text' || type === 'match_only_text')) {
    throw new LogsiftError(
      'unsupported',
      `LogQL ${stage.op} on the text field ${name} has no Elasticsearch equivalent: regexp matches single words of an analyzed field`,
      stage.pos,
    );
  }
  // `|= ""` keeps every line.
  const values = regex ? stage.values : stage.values.filter((v) => v !== '');
  if (values.length === 0) return [];
  const wholeValue = type === 'keyword' || type === 'wildcard';
  const matches = values.map((value): FilterExpr => {
    if (regex) {
      return {
        kind: 'regexp',
        field,
        pattern: re2ToLucene(value, false, stage.pos),
        pos: stage.pos,
      };
    }
    return wholeValue
      ? { kind: 'is', field, value: { kind: 'wildcard', parts: ['', value, ''] }, pos: stage.pos }
      : { kind: 'is', field, value: { kind: 'phrase', value }, pos: stage.pos };
  });
  const any: FilterExpr =
    matches.length > 1
      ? { kind: 'or', operands: matches, pos: stage.pos }
      : (matches[0] as FilterExpr);
  return stage.op === '|=' || stage.op === '|~'
    ? [any]
    : [{ kind: 'not', operand: any, pos: stage.pos }];
}

const RANGE_OPS = { '>': 'gt', '>=': 'gte', '<': 'lt', '<=': 'lte' } as const;

/** A label filter; null when it always holds in Elasticsearch (`__error__=""`). */
function predicate(p: LabelPredicate): FilterExpr | null {
  if ('left' in p) {
    const operands = [predicate(p.left), predicate(p.right)].filter((o) => o !== null);
    if (operands.length < 2) return p.kind === 'and' ? (operands[0] ?? null) : null;
    return { kind: p.kind, operands, pos: p.pos };
  }
  if (p.name === '__error__' || p.name === '__error_details__') {
    // Documents have no parse errors: the usual `| __error__=""` keeps everything.
    if (p.kind === 'string' && p.op === '=' && p.value === '') return null;
    throw refuse(`filter on ${p.name}`, p.pos);
  }
  if (p.kind === 'string') return matcher(p.name, p.op, p.value, p.pos);
  if (p.unit !== 'none') throw refuse(`${p.unit} comparison`, p.pos);
  const field = fieldAt(p.name, p.pos);
  const value = { kind: 'literal', value: p.value } as const;
  if (p.op === '==' || p.op === '!=') {
    const is: FilterExpr = { kind: 'is', field, value, pos: p.pos };
    return p.op === '==' ? is : { kind: 'not', operand: is, pos: p.pos };
  }
  return { kind: 'range', field, op: RANGE_OPS[p.op], value, pos: p.pos };
}
