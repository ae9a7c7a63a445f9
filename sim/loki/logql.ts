import { LogsiftError } from '../../model';
import {
  compileLogQuery,
  compileMetricQuery,
  parseLogQL,
  type CompiledLogQuery,
  type CompiledMetricQuery,
  type LabelMatcher,
  type MetricExpr,
} from '../../query';
import { ERR_EMPTY_COMPATIBLE, LokiHttpError } from './httpError';

export type SimQuery =
  | {
      kind: 'log';
      text: string;
      selector: LabelMatcher[];
      /** True when stages follow the selector: `match[]` and index endpoints refuse those. */
      piped: boolean;
      log: CompiledLogQuery;
    }
  | { kind: 'metric'; text: string; selector: LabelMatcher[]; metric: CompiledMetricQuery };

/** 1-based line and column of an offset, as Loki's lexer counts them. */
function lineCol(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, col: offset - before.lastIndexOf('\n') };
}

/** Our parser's mistakes in Loki's words; the message after the position stays ours. */
function toLokiError(error: unknown, text: string): unknown {
  if (!(error instanceof LogsiftError)) return error;
  if (error.message.startsWith('queries require at least one regexp or equality matcher')) {
    return new LokiHttpError(400, ERR_EMPTY_COMPATIBLE);
  }
  if (!error.position) return new LokiHttpError(400, `parse error : ${error.message}`);
  const { line, col } = lineCol(text, error.position.from);
  return new LokiHttpError(400, `parse error at line ${line}, col ${col}: ${error.message}`);
}

export function compileQuery(text: string): SimQuery {
  try {
    const ir = parseLogQL(text);
    if (ir.kind === 'log') {
      const piped = ir.pipeline.length > 0;
      return { kind: 'log', text, selector: ir.selector, piped, log: compileLogQuery(ir) };
    }
    const selector = innermostSelector(ir.expr);
    return { kind: 'metric', text, selector, metric: compileMetricQuery(ir) };
  } catch (error) {
    throw toLokiError(error, text);
  }
}

function innermostSelector(expr: MetricExpr): LabelMatcher[] {
  return expr.kind === 'range' ? expr.log.selector : innermostSelector(expr.inner);
}

/** `match[]`, `/labels?query=` and the index endpoints take a bare stream selector. */
export function compileSelector(text: string): CompiledLogQuery & { selector: LabelMatcher[] } {
  const query = compileQuery(text);
  if (query.kind !== 'log' || query.piped) {
    throw new LokiHttpError(400, 'only label matchers are supported');
  }
  return Object.assign(query.log, { selector: query.selector });
}
