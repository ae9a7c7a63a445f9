import type { Language, SavedQuery, SavedRange } from '../../model';
import { writeUrlState } from '../state/urlState';

/** A range as the store holds it (`now-1h` or epoch ms as text) in the form saved objects keep. */
export function toSavedRange(from: string, to: string): SavedRange {
  const one = (t: string): string | number => (/^\d{1,16}$/.test(t) ? Number(t) : t);
  return { from: one(from), to: one(to) };
}

/** Explore's URL for a saved query: its sources, language, text and range, and its id to save back. */
export function exploreUrlFor(
  q: Pick<SavedQuery, 'id' | 'datasources' | 'language' | 'query' | 'range'>,
): string {
  const [datasource = '', ...also] = q.datasources;
  return `/${writeUrlState({
    datasource,
    ...(also.length > 0 ? { also } : {}),
    language: q.language,
    query: q.query,
    from: String(q.range.from),
    to: String(q.range.to),
    saved: q.id,
  })}`;
}

/** What a pane's editor holds, saved: the picked datasource first, then the federated ones. */
export function savedQueryFields(pane: {
  datasource: string;
  also: readonly string[];
  language: Language;
  query: string;
  from: string;
  to: string;
}): Pick<SavedQuery, 'datasources' | 'language' | 'query' | 'range'> {
  return {
    datasources: [pane.datasource, ...pane.also.filter((d) => d !== pane.datasource)],
    language: pane.language,
    query: pane.query,
    range: toSavedRange(pane.from, pane.to),
  };
}
