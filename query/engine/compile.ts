import type { LineFilter, LogQueryIR, MetricQueryIR } from '../ir';
import { parseLogQL } from '../logql/parse';
import { compileMetric } from './metric';
import { allOf, lineTest, streamMatcher } from './predicates';
import { compileStage, type EntryState } from './stages';
import type { CompiledLogQuery, CompiledMetricQuery, CompiledQuery } from './types';

export function compileLogQuery(ir: LogQueryIR): CompiledLogQuery {
  // Line filters before the first other stage run on the raw line: the cheap hot path.
  let lead = 0;
  while (ir.pipeline[lead]?.kind === 'lineFilter') lead++;
  const leading = ir.pipeline.slice(0, lead) as LineFilter[];
  const stages = ir.pipeline.slice(lead).map(compileStage);
  const filtersOnly = stages.length === 0;
  return {
    kind: 'log',
    matchesStream: streamMatcher(ir.selector),
    testLine: allOf(leading.map(lineTest)),
    filtersOnly,
    process(line, streamLabels, seed) {
      if (filtersOnly) return { line, labels: streamLabels, fields: seed ? { ...seed } : {} };
      const entry: EntryState = { line, labels: streamLabels, fields: seed ? { ...seed } : {} };
      for (const stage of stages) if (!stage(entry)) return null;
      return { line: entry.line, labels: entry.labels, fields: entry.fields };
    },
  };
}

export function compileMetricQuery(ir: MetricQueryIR): CompiledMetricQuery {
  return compileMetric(ir.expr, compileLogQuery);
}

/** Parses and compiles LogQL for the local engine. */
export function compileLogQL(text: string): CompiledQuery {
  const ir = parseLogQL(text);
  if (ir.kind === 'log') return compileLogQuery(ir);
  return compileMetricQuery(ir);
}
