import type { SavedQuery, SavedQueryBody, Sharing } from '../../model';
import { conflictCurrent, savedQueriesApi } from '../api/saved';

/** The list's cache key: every save and delete refreshes it. */
export const savedQueriesKey = ['saved-queries'] as const;

export type SaveOutcome = { saved: SavedQuery } | { conflict: SavedQuery };

/**
 * Creates a saved query, or updates `base` if it is still at the version the user loaded; a
 * newer one is handed back as `conflict` for the user to choose, never overwritten silently.
 */
export async function writeSavedQuery(
  body: SavedQueryBody,
  base?: Pick<SavedQuery, 'id' | 'version'>,
  sharing?: Sharing,
): Promise<SaveOutcome> {
  try {
    const saved = base
      ? await savedQueriesApi.update(base.id, base.version, body, sharing)
      : await savedQueriesApi.create(body, sharing);
    return { saved };
  } catch (error) {
    const current = conflictCurrent<SavedQuery>(error);
    if (current) return { conflict: current };
    throw error;
  }
}

/** The parts of a saved query a save sends, without its id and version. */
export function bodyOf(q: SavedQuery): SavedQueryBody {
  return {
    name: q.name,
    description: q.description,
    datasources: q.datasources,
    language: q.language,
    query: q.query,
    range: q.range,
  };
}
