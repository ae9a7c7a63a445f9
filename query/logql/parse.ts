import type { SyntaxNode } from '@lezer/common';
import { parser } from '@grafana/lezer-logql';
import { LogsiftError } from '../../model';
import type { LabelMatcher, LogQueryIR, MetricExpr, QueryIR, RangeOp, VectorOp } from '../ir';
import { parseDurationMs } from './literals';
import { parsePipeline } from './pipeline';
import { parseMatcher } from './matcher';
import { child, childrenOf, firstSyntaxError, posOf, requireChild, unsupported } from './syntax';

/** Parses LogQL into the IR; throws LogsiftError with the position of the first mistake. */
export function parseLogQL(text: string): QueryIR {
  if (text.trim() === '') {
    throw new LogsiftError(
      'bad_query',
      'the query is empty: start with a selector like {job="x"}',
      {
        from: 0,
        to: 0,
      },
    );
  }
  const tree = parser.parse(text);
  const syntaxError = firstSyntaxError(tree, text);
  if (syntaxError) throw syntaxError;
  const expr = requireChild(tree.topNode, 'Expr', text);
  const inner = expr.firstChild;
  if (!inner) throw unsupported(expr, text);
  if (inner.name === 'LogExpr') return parseLogExpr(inner, text);
  if (inner.name === 'MetricExpr') {
    return { kind: 'metric', expr: parseMetricExpr(inner, text), pos: posOf(inner) };
  }
  throw unsupported(inner, text);
}

function parseLogExpr(node: SyntaxNode, text: string): LogQueryIR {
  const selectorNode = child(node, 'Selector');
  if (!selectorNode) throw unsupported(node, text);
  const pipelineNode = child(node, 'PipelineExpr');
  return {
    kind: 'log',
    selector: parseSelector(selectorNode, text),
    pipeline: pipelineNode ? parsePipeline(pipelineNode, text) : [],
    pos: posOf(node),
  };
}

function parseSelector(node: SyntaxNode, text: string): LabelMatcher[] {
  const matchers: LabelMatcher[] = [];
  const visit = (n: SyntaxNode): void => {
    for (const c of childrenOf(n)) {
      if (c.name === 'Matchers') visit(c);
      else if (c.name === 'Matcher') matchers.push(parseMatcher(c, text));
    }
  };
  visit(node);
  const nonEmpty = matchers.some((m) => !emptyCompatible(m));
  if (!nonEmpty) {
    throw new LogsiftError(
      'bad_query',
      'queries require at least one regexp or equality matcher that does not have an empty-compatible value, e.g. {job="app"} or {job=~".+"}',
      posOf(node),
    );
  }
  return matchers;
}

function emptyCompatible(m: LabelMatcher): boolean {
  if (m.op === '=') return m.value === '';
  if (m.op === '=~') return new RegExp(`^(?:${m.value})$`).test('');
  return true;
}

const RANGE_OPS: Record<string, RangeOp> = {
  CountOverTime: 'count_over_time',
  Rate: 'rate',
  BytesOverTime: 'bytes_over_time',
  BytesRate: 'bytes_rate',
};

const VECTOR_OPS: Record<string, VectorOp> = {
  Sum: 'sum',
  Avg: 'avg',
  Min: 'min',
  Max: 'max',
  Count: 'count',
  Topk: 'topk',
  Bottomk: 'bottomk',
};

function parseMetricExpr(node: SyntaxNode, text: string): MetricExpr {
  const inner = node.firstChild;
  if (!inner) throw unsupported(node, text);
  if (inner.name === 'RangeAggregationExpr') return parseRangeAggregation(inner, text);
  if (inner.name === 'VectorAggregationExpr') return parseVectorAggregation(inner, text);
  throw unsupported(inner, text);
}

function parseRangeAggregation(node: SyntaxNode, text: string): MetricExpr {
  const opNode = requireChild(node, 'RangeOp', text).firstChild;
  const op = opNode ? RANGE_OPS[opNode.name] : undefined;
  if (!opNode || !op) throw unsupported(opNode ?? node, text);
  if (child(node, 'Grouping')) throw unsupported(requireChild(node, 'Grouping', text), text);
  const range = requireChild(node, 'LogRangeExpr', text);
  for (const c of childrenOf(range)) {
    if (
      !['Selector', 'PipelineExpr', 'Range', 'OpenParenthesis', 'CloseParenthesis'].includes(c.name)
    ) {
      throw unsupported(c, text);
    }
  }
  const durationNode = requireChild(requireChild(range, 'Range', text), 'Duration', text);
  const rangeMs = parseDurationMs(text.slice(durationNode.from, durationNode.to));
  if (rangeMs === undefined || rangeMs <= 0) {
    throw new LogsiftError(
      'bad_query',
      'the range must be a positive duration like [5m]',
      posOf(durationNode),
    );
  }
  const selector = requireChild(range, 'Selector', text);
  const pipelineNode = child(range, 'PipelineExpr');
  const log: LogQueryIR = {
    kind: 'log',
    selector: parseSelector(selector, text),
    pipeline: pipelineNode ? parsePipeline(pipelineNode, text) : [],
    pos: posOf(range),
  };
  return { kind: 'range', op, rangeMs, log, pos: posOf(node) };
}

function parseVectorAggregation(node: SyntaxNode, text: string): MetricExpr {
  const opNode = requireChild(node, 'VectorOp', text).firstChild;
  const op = opNode ? VECTOR_OPS[opNode.name] : undefined;
  if (!opNode || !op) throw unsupported(opNode ?? node, text);
  const innerNode = requireChild(node, 'MetricExpr', text);
  const numberNode = child(node, 'Number');
  const groupingNode = child(node, 'Grouping');
  const expr: MetricExpr = {
    kind: 'vector',
    op,
    inner: parseMetricExpr(innerNode, text),
    pos: posOf(node),
  };
  if (op === 'topk' || op === 'bottomk') {
    const k = numberNode ? Number(text.slice(numberNode.from, numberNode.to)) : Number.NaN;
    if (!Number.isInteger(k) || k <= 0) {
      throw new LogsiftError(
        'bad_query',
        `${op} needs a positive whole number first, like ${op}(5, …)`,
        posOf(node),
      );
    }
    expr.param = k;
  }
  if (groupingNode) {
    const mode = child(groupingNode, 'Without') ? 'without' : 'by';
    const labelsNode = child(groupingNode, 'Labels');
    // The grammar nests lists to the left: Labels(Labels(Identifier), Identifier).
    const labels: string[] = [];
    for (let n: SyntaxNode | null = labelsNode; n; n = child(n, 'Labels')) {
      labels.unshift(...n.getChildren('Identifier').map((i) => text.slice(i.from, i.to)));
    }
    expr.grouping = { mode, labels };
  }
  return expr;
}
