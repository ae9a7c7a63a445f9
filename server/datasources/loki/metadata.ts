import type { Facet, FieldInfo, LogRecord } from '../../../model';
import { detectLineFields, logqlShape } from '../../../query';
import type { FacetsQuery, FieldsQuery, ValuesQuery } from '../datasource';
import type { LokiClient, Params } from './client';
import { recordsOf } from './normalize';
import { detectedFields, queryData, stringList } from './wire';

const NS_PER_MS = 1_000_000n;
/** Lines parsed when Loki cannot say which fields it detects, or counted for facets. */
const SAMPLE_LINES = 1_000;
const TOP = 10;

function range(req: { fromMs: number; toMs: number }): Params {
  return {
    start: String(BigInt(req.fromMs) * NS_PER_MS),
    end: String(BigInt(req.toMs) * NS_PER_MS),
  };
}

type Support = 'unknown' | 'yes' | 'no';

/** Labels, fields, values and facets of one Loki, remembering which optional APIs it has. */
export class LokiMetadata {
  private volume: Support = 'unknown';
  private detected: Support = 'unknown';

  constructor(
    private readonly client: LokiClient,
    private readonly source: string,
    private readonly maxEntries: number,
  ) {}

  private async sample(query: string, req: FieldsQuery, signal: AbortSignal): Promise<LogRecord[]> {
    const params = {
      ...range(req),
      query,
      limit: String(Math.min(SAMPLE_LINES, this.maxEntries)),
      direction: 'backward',
    };
    const data = queryData(await this.client.getJson('query_range', params, signal));
    return data.resultType === 'streams' ? recordsOf(data.result, this.source) : [];
  }

  /** Optional routes answer 404 where they do not exist (Loki 2.9, volume_enabled off). */
  private async optional<T>(
    support: Support,
    set: (s: Support) => void,
    call: () => Promise<T>,
  ): Promise<T | undefined> {
    if (support === 'no') return undefined;
    try {
      const value = await call();
      set('yes');
      return value;
    } catch (error) {
      if ((error as { backend?: { status: number } }).backend?.status === 404) {
        set('no');
        return undefined;
      }
      throw error;
    }
  }

  async labels(req: FieldsQuery, signal: AbortSignal): Promise<string[]> {
    const selector = req.query ? logqlShape(req.query).selector : undefined;
    const params = { ...range(req), ...(selector ? { query: selector } : {}) };
    return stringList(await this.client.getJson('labels', params, signal));
  }

  async fields(req: FieldsQuery, signal: AbortSignal): Promise<FieldInfo[]> {
    const labels = await this.labels(req, signal);
    const fields = new Set<string>();
    if (req.query) {
      const query = req.query;
      const detected = await this.optional(
        this.detected,
        (s) => (this.detected = s),
        async () =>
          detectedFields(
            await this.client.getJson(
              'detected_fields',
              { ...range(req), query, line_limit: String(SAMPLE_LINES), limit: '1000' },
              signal,
            ),
          ),
      );
      if (detected) for (const f of detected) fields.add(f.label);
      else {
        for (const r of await this.sample(query, req, signal)) {
          for (const name of Object.keys(r.fields)) fields.add(name);
          for (const name of Object.keys(detectLineFields(r.line, r.labels))) fields.add(name);
        }
      }
    }
    const isLabel = new Set(labels);
    return [
      ...labels.sort().map((name) => ({ name, type: 'label' as const })),
      ...[...fields]
        .filter((n) => !isLabel.has(n) && !n.startsWith('__'))
        .sort()
        .map((name) => ({ name, type: 'field' as const })),
    ];
  }

  async values(req: ValuesQuery, signal: AbortSignal): Promise<string[]> {
    const selector = req.query ? logqlShape(req.query).selector : undefined;
    const params = { ...range(req), ...(selector ? { query: selector } : {}) };
    const path = `label/${encodeURIComponent(req.field)}/values`;
    const values = stringList(await this.client.getJson(path, params, signal));
    if (values.length > 0 || !req.query) return values;
    // Not a label: a field of the lines, so its values come from a sample of them.
    const counts = new Map<string, number>();
    for (const r of await this.sample(req.query, req, signal)) {
      const v = r.fields[req.field] ?? detectLineFields(r.line, r.labels)[req.field];
      if (v !== undefined) counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    return [...counts].sort((a, b) => b[1] - a[1]).map(([v]) => v);
  }

  async facets(req: FacetsQuery, signal: AbortSignal): Promise<Facet[]> {
    const shape = logqlShape(req.query);
    if (!req.lines && shape.kind === 'log' && !shape.hasPipeline && shape.selector) {
      const selector = shape.selector;
      const byVolume = await this.optional(
        this.volume,
        (s) => (this.volume = s),
        () => this.volumeFacets(selector, req, signal),
      );
      if (byVolume) return byVolume;
    }
    return this.sampleFacets(req, signal);
  }

  /** Bytes per label value from the index: cheap, exact for stream labels, no lines read. */
  private async volumeFacets(selector: string, req: FacetsQuery, signal: AbortSignal) {
    const names = req.fields ?? (await this.labels({ ...req, query: selector }, signal));
    return Promise.all(
      names.map(async (field): Promise<Facet> => {
        const params = {
          ...range(req),
          query: selector,
          limit: '100',
          // The default aggregateBy=series gives one series per value; `labels` would give
          // one per label name with an empty value.
          targetLabels: field,
        };
        const data = queryData(await this.client.getJson('index/volume', params, signal));
        const values =
          data.resultType === 'vector'
            ? data.result
                .map((s) => ({ value: s.metric[field] ?? '', count: Number(s.value[1]) }))
                .filter((v) => v.value !== '' && Number.isFinite(v.count))
                .sort((a, b) => b.count - a.count)
            : [];
        const top = values.slice(0, TOP);
        const other = values.slice(TOP).reduce((n, v) => n + v.count, 0);
        return { field, values: top, other, sampled: false, unit: 'bytes' };
      }),
    );
  }

  /** Lines per value over the newest matching lines: fields too, but a sample when full. */
  private async sampleFacets(req: FacetsQuery, signal: AbortSignal): Promise<Facet[]> {
    const records = await this.sample(req.query, req, signal);
    const counts = new Map<string, Map<string, number>>();
    const add = (field: string, value: string) => {
      let values = counts.get(field);
      if (!values) counts.set(field, (values = new Map()));
      values.set(value, (values.get(value) ?? 0) + 1);
    };
    for (const r of records) {
      for (const [k, v] of Object.entries(r.labels)) add(k, v);
      for (const [k, v] of Object.entries(r.fields)) add(k, v);
    }
    const sampled = records.length >= Math.min(SAMPLE_LINES, this.maxEntries);
    const names = req.fields ?? [...counts.keys()].filter((n) => !n.startsWith('__'));
    return names.map((field) => {
      const values = [...(counts.get(field) ?? new Map<string, number>())]
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .map(([value, count]) => ({ value, count }));
      const top = values.slice(0, TOP);
      const inTop = top.reduce((n, v) => n + v.count, 0);
      return { field, values: top, other: records.length - inTop, sampled };
    });
  }
}
