import { parser } from '@grafana/lezer-logql';

/**
 * What kind of LogQL a text is, from the syntax tree alone: adapters that send LogQL on
 * unchanged need this much even for constructs the IR cannot hold yet.
 */
export interface LogQLShape {
  kind: 'log' | 'metric';
  /** The stream selector's text, e.g. `{app="x"}`; for metric queries the first one. */
  selector: string | undefined;
  /** Whether a log query has stages after its selector. */
  hasPipeline: boolean;
  /** The syntax tree holds an error: the backend will say where. */
  invalid: boolean;
}

export function logqlShape(text: string): LogQLShape {
  const tree = parser.parse(text);
  let kind: LogQLShape['kind'] = 'log';
  let selector: string | undefined;
  let hasPipeline = false;
  let invalid = false;
  let sawExpr = false;
  tree.iterate({
    enter(ref) {
      if (ref.type.isError) invalid = true;
      if (!sawExpr && (ref.name === 'MetricExpr' || ref.name === 'LogExpr')) {
        sawExpr = true;
        kind = ref.name === 'MetricExpr' ? 'metric' : 'log';
      }
      if (ref.name === 'Selector' && selector === undefined)
        selector = text.slice(ref.from, ref.to);
      if (ref.name === 'PipelineExpr') hasPipeline = true;
      return undefined;
    },
  });
  return { kind, selector, hasPipeline, invalid: invalid || !sawExpr };
}
