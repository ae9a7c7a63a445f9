import { LogsiftError, type Facet, type FieldInfo, type LogRecord } from '../../../model';
import { detectLineFields, lineParserOf, logqlShape } from '../../../query';
import type { FacetsQuery, FieldsQuery, ValuesQuery } from '../datasource';
import type { LokiClient, Params } from './client';
import { countableByLoki, countedFacets, DEFAULT_TOP, parsesLines, sampledFacets } from './facets';
import { recordsOf } from './normalize';
import { detectedFields, queryData, stringList, type DetectedField } from './wire';

const NS_PER_MS = 1_000_000n;
/** Lines parsed when Loki cannot say which fields it detects, or counted when it cannot count. */
const SAMPLE_LINES = 1_000;

function range(req: { fromMs: number; toMs: number }): Params {
  return {
    start: String(BigInt(req.fromMs) * NS_PER_MS),
    end: String(BigInt(req.toMs) * NS_PER_MS),
  };
}

type Support = 'unknown' | 'yes' | 'no';

/** Labels, fields, values and facets of one Loki, remembering whether it has detected_fields. */
export class LokiMetadata {
  private detected: Support = 'unknown';

  constructor(
    private readonly client: LokiClient,
    private readonly source: string,
    private readonly maxEntries: number,
    /** How long exact counts may take before the newest lines are counted instead. */
    private readonly countingMs: number,
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

  /**
   * The fields of the query's lines and the parsers that find them: Loki 3's detected_fields,
   * or on Loki 2.9 the same read from a sample. There every label comes in the stream, parsed
   * ones too, so only the indexed `labels` are taken as labels; fields without a value (the
   * bare words logfmt makes of prose) are left out.
   */
  private async detectedOf(
    query: string,
    req: FieldsQuery,
    labels: ReadonlySet<string>,
    signal: AbortSignal,
  ): Promise<DetectedField[]> {
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
    if (detected) return detected;
    const found = new Map<string, Set<string>>();
    const note = (name: string, value: string, parser?: string) => {
      if (value === '') return;
      let parsers = found.get(name);
      if (!parsers) found.set(name, (parsers = new Set()));
      if (parser) parsers.add(parser);
    };
    for (const r of await this.sample(query, req, signal)) {
      const indexed: Record<string, string> = {};
      for (const [name, value] of Object.entries(r.labels)) {
        if (labels.has(name)) indexed[name] = value;
        else note(name, value);
      }
      for (const [name, value] of Object.entries(r.fields)) note(name, value);
      const parser = lineParserOf(r.line);
      for (const [name, value] of Object.entries(detectLineFields(r.line, indexed))) {
        note(name, value, parser);
      }
    }
    return [...found].map(([label, parsers]) => ({
      label,
      parsers: parsers.size > 0 ? [...parsers] : null,
    }));
  }

  async fields(req: FieldsQuery, signal: AbortSignal): Promise<FieldInfo[]> {
    const labels = await this.labels(req, signal);
    const isLabel = new Set(labels);
    const fields = new Set<string>();
    if (req.query) {
      for (const f of await this.detectedOf(req.query, req, isLabel, signal)) fields.add(f.label);
    }
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
    // Not a label: a field of the lines, so its values come from a sample of them (on Loki
    // 2.9 what the query parsed comes among the stream labels).
    const counts = new Map<string, number>();
    for (const r of await this.sample(req.query, req, signal)) {
      const f = req.field;
      const v = r.fields[f] ?? r.labels[f] ?? detectLineFields(r.line, r.labels)[f];
      if (v !== undefined && v !== '') counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    return [...counts].sort((a, b) => b[1] - a[1]).map(([v]) => v);
  }

  /**
   * Exact line counts over the whole range from Loki's own aggregation; where Loki refuses
   * (a limit: query length, series, bytes), where counting takes longer than `countingMs`
   * (a large Loki over a long range) or a name cannot be grouped on, counts from the newest
   * lines, saying how many.
   */
  async facets(req: FacetsQuery, signal: AbortSignal): Promise<Facet[]> {
    const size = req.size ?? DEFAULT_TOP;
    const labels = await this.labels(req, signal);
    const names = req.fields ?? labels.filter((n) => !n.startsWith('__'));
    const countable = names.filter(countableByLoki);
    const parsers = await this.parsersOf(req, countable, new Set(labels), signal);
    const counted = new Map<string, Facet>();
    const counting = AbortSignal.any([signal, AbortSignal.timeout(this.countingMs)]);
    try {
      for (const f of await countedFacets(this.client, req, countable, size, counting, parsers)) {
        counted.set(f.field, f);
      }
    } catch (error) {
      const slow = error instanceof LogsiftError && error.code === 'timeout' && !signal.aborted;
      if (!slow && !(error instanceof LogsiftError && error.code === 'limit')) throw error;
    }
    const rest = names.filter((n) => !counted.has(n));
    if (rest.length > 0) {
      const records = await this.sample(req.query, req, signal);
      const full = records.length >= Math.min(SAMPLE_LINES, this.maxEntries);
      for (const f of sampledFacets(records, rest, size, full)) counted.set(f.field, f);
    }
    return names.flatMap((n) => counted.get(n) ?? []);
  }

  /**
   * For fields of the lines that the query does not parse (the field list offers every
   * field Loki detects), the one parser Loki (or on 2.9 a sample) found each with, so that
   * they can be counted.
   */
  private async parsersOf(
    req: FacetsQuery,
    fields: string[],
    labels: Set<string>,
    signal: AbortSignal,
  ): Promise<Map<string, string>> {
    const parsers = new Map<string, string>();
    const unparsed = fields.filter((f) => !labels.has(f));
    if (unparsed.length === 0 || parsesLines(req.query)) return parsers;
    for (const f of await this.detectedOf(req.query, req, labels, signal)) {
      const [parser, ...more] = f.parsers ?? [];
      if (parser && more.length === 0 && unparsed.includes(f.label)) parsers.set(f.label, parser);
    }
    return parsers;
  }
}
