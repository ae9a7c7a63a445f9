import type { Facet, FieldInfo } from '../../../model';
import type { EsClient } from './client';
import { aggregatable, type FieldCap } from './fieldCaps';
import { rangedQuery, type Dsl } from './search';

const TOP = 10;

interface TermsAnswer {
  hits?: { total?: { value: number } };
  aggregations?: Record<
    string,
    {
      buckets: { key: string | number; key_as_string?: string; doc_count: number }[];
      sum_other_doc_count?: number;
    }
  >;
}

export interface MetadataContext {
  client: EsClient;
  index: string;
  timeField: string;
  /** Normalized name → document field. */
  fieldMap: Record<string, string>;
}

/** Normalized Kubernetes names first (as labels), then every other field of the pattern. */
export function fieldList(ctx: MetadataContext, caps: Map<string, FieldCap>): FieldInfo[] {
  const mapped = new Set(Object.values(ctx.fieldMap));
  const labels = Object.entries(ctx.fieldMap)
    .filter(([, field]) => caps.has(field) || caps.has(`${field}.keyword`))
    .map(([name]) => ({ name, type: 'label' as const }));
  const fields = [...caps.keys()]
    .filter((n) => !n.endsWith('.keyword') && !mapped.has(n) && n !== ctx.timeField)
    .sort()
    .map((name) => ({ name, type: 'field' as const }));
  return [...labels, ...fields];
}

/** Top values of several fields in one search: one `terms` aggregation each. */
export async function termsOf(
  ctx: MetadataContext,
  caps: Map<string, FieldCap>,
  names: string[],
  user: Dsl,
  range: { fromMs: number; toMs: number },
  size: number,
  signal: AbortSignal,
  lucene: string | undefined,
): Promise<{ total: number; facets: Facet[] }> {
  const aggs: Dsl = {};
  names.forEach((name, i) => {
    const field = aggregatable(caps, ctx.fieldMap[name] ?? name);
    aggs[`f${i}`] = { terms: { field, size } };
  });
  const body = {
    size: 0,
    track_total_hits: true,
    query: rangedQuery(user, ctx.timeField, range.fromMs, range.toMs),
    aggs,
  };
  const answer = await ctx.client.json<TermsAnswer>(
    'POST',
    `${ctx.index}/_search`,
    body,
    signal,
    lucene,
  );
  const total = answer.hits?.total?.value ?? 0;
  const facets = names.map((field, i): Facet => {
    const agg = answer.aggregations?.[`f${i}`];
    const values = (agg?.buckets ?? []).map((b) => ({
      value: b.key_as_string ?? String(b.key),
      count: b.doc_count,
    }));
    const inTop = values.reduce((n, v) => n + v.count, 0);
    // Documents without the field are "other" too, as in Kibana's field list.
    return { field, values, other: Math.max(0, total - inTop), sampled: false };
  });
  return { total, facets };
}

/** Fields worth a facet by default: the mapped Kubernetes ones, the level, then keywords. */
export function defaultFacetFields(
  ctx: MetadataContext,
  caps: Map<string, FieldCap>,
  levelField: string | undefined,
): string[] {
  const labels = Object.entries(ctx.fieldMap)
    .filter(([, f]) => caps.has(f) || caps.has(`${f}.keyword`))
    .map(([n]) => n);
  const mapped = new Set(Object.values(ctx.fieldMap));
  const keywords = [...caps.entries()]
    .filter(
      ([n, c]) =>
        c.type === 'keyword' && c.aggregatable && !n.endsWith('.keyword') && !mapped.has(n),
    )
    .map(([n]) => n)
    .slice(0, 12);
  return [...new Set([...labels, ...(levelField ? [levelField] : []), ...keywords])];
}

export { TOP };
