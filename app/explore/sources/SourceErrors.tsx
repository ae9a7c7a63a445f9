import type { SourceStatus } from '../../../model';
import { testIds } from '../../testIds';
import './sources.css';

/**
 * The datasources of a federated answer that failed, each with its own words, while the
 * others' lines stay listed; and the query each ran when it was translated for it.
 */
export function SourceErrors({ sources }: { sources: readonly SourceStatus[] }) {
  const failed = sources.filter((s) => s.error);
  const translated = sources.filter((s) => s.query && !s.error);
  if (failed.length === 0 && translated.length === 0) return null;
  return (
    <div className="source-status">
      {failed.map((s) => (
        <div
          key={s.datasource}
          className="source-error"
          role="alert"
          data-testid={testIds.sourceError}
        >
          <strong>{s.datasource}</strong> {s.error?.code.replace('_', ' ')}: {s.error?.message}
        </div>
      ))}
      {translated.map((s) => (
        <div key={s.datasource} className="muted small source-translated">
          {s.datasource} ran ({s.query?.language}): <code>{s.query?.query}</code>
        </div>
      ))}
    </div>
  );
}

/** Every source's status across the query, histogram and facets answers, one per datasource. */
export function sourceStatuses(...lists: (readonly SourceStatus[] | undefined)[]): SourceStatus[] {
  const byId = new Map<string, SourceStatus>();
  for (const list of lists) {
    for (const s of list ?? []) {
      const seen = byId.get(s.datasource);
      if (!seen || (!seen.error && s.error)) byId.set(s.datasource, { ...seen, ...s });
    }
  }
  return [...byId.values()];
}
