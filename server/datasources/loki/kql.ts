import { LogsiftError, type Language } from '../../../model';
import { parseKQL, searchToLogql } from '../../../query';
import type { LokiMetadata } from './metadata';

const LABELS_TTL_MS = 60_000;
const LABELS_WINDOW_MS = 6 * 3_600_000;

export const LOKI_LANGUAGES: readonly Language[] = ['logql', 'kql'];

/**
 * Queries in other languages become LogQL here: KQL's clauses on Loki's labels make the
 * selector, its free text line filters (query/logql/fromSearch.ts). Which names are labels
 * comes from Loki's /labels, kept a minute.
 */
export class LokiTranslator {
  private cached: { at: number; names: Set<string> } | undefined;

  constructor(
    private readonly metadata: LokiMetadata,
    private readonly now: () => number,
  ) {}

  private async labels(signal: AbortSignal): Promise<Set<string>> {
    const at = this.now();
    if (this.cached && at - this.cached.at < LABELS_TTL_MS) return this.cached.names;
    const names = new Set(
      await this.metadata.labels(
        { fromMs: at - LABELS_WINDOW_MS, toMs: at, language: 'logql' },
        signal,
      ),
    );
    this.cached = { at, names };
    return names;
  }

  private translate(language: Language, query: string, isLabel: (name: string) => boolean): string {
    if (language === 'logql') return query;
    if (language === 'kql') return searchToLogql(parseKQL(query), isLabel);
    throw new LogsiftError(
      'unsupported',
      `this Loki datasource answers LogQL and KQL; ${language} cannot be translated to LogQL yet`,
    );
  }

  async toLogql<T extends { language: Language; query: string }>(
    req: T,
    signal: AbortSignal,
  ): Promise<T> {
    if (req.language === 'logql') return req;
    const labels = await this.labels(signal);
    return {
      ...req,
      language: 'logql',
      query: this.translate(req.language, req.query, (n) => labels.has(n)),
    };
  }

  /** For explain, which cannot wait: the last label list, or every field taken for a label. */
  toLogqlNow<T extends { language: Language; query: string }>(req: T): T {
    const labels = this.cached?.names;
    const query = this.translate(req.language, req.query, (n) => labels?.has(n) ?? true);
    return { ...req, language: 'logql', query };
  }
}

/**
 * Loki's positions point into the LogQL it was sent, not the KQL the user wrote: the message
 * stays, the underline goes.
 */
export async function inUserTerms<T>(language: Language, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (language !== 'logql' && error instanceof LogsiftError && error.position) {
      throw new LogsiftError(error.code, error.message, undefined, error.backend);
    }
    throw error;
  }
}
