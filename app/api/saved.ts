import type {
  Dashboard,
  DashboardBodyInput,
  DashboardExport,
  DashboardSummary,
  LinkResponse,
  ListResponse,
  MeResponse,
  Problem,
  SavedQuery,
  SavedQueryBody,
  SettingsResponse,
  Sharing,
  VersionInfo,
} from '../../model';
import { ApiRequestError, apiFetch, postJson } from './client';

/**
 * The saved-objects API (/api/v1/saved-queries, /api/v1/dashboards, /api/v1/links). A write
 * carries the version it was based on; a stale one rejects with ApiRequestError status 409,
 * whose `current` (see `conflictCurrent`) is the object as someone else saved it.
 */

const json = (method: string, payload: unknown): { method: string; body: string } => ({
  method,
  body: JSON.stringify(payload),
});
const listQuery = (search?: string, limit?: number, offset?: number): string => {
  const params = new URLSearchParams();
  if (search) params.set('search', search);
  if (limit !== undefined) params.set('limit', String(limit));
  if (offset !== undefined) params.set('offset', String(offset));
  const text = params.toString();
  return text ? `?${text}` : '';
};
const at = (id: string): string => encodeURIComponent(id);
/** `sharing` beside the object, as the API takes it; left out it keeps (or defaults) the sharing. */
const shared = (sharing: Sharing | undefined) => (sharing ? { sharing } : {});

export const savedQueriesApi = {
  list: (search?: string, limit?: number, offset?: number) =>
    apiFetch<ListResponse<SavedQuery>>(
      `/api/v1/saved-queries${listQuery(search, limit, offset)}`,
      {},
    ),
  get: (id: string) => apiFetch<SavedQuery>(`/api/v1/saved-queries/${at(id)}`, {}),
  create: (body: SavedQueryBody, sharing?: Sharing) =>
    postJson<SavedQuery>('/api/v1/saved-queries', { ...body, ...shared(sharing) }),
  update: (id: string, version: number, body: SavedQueryBody, sharing?: Sharing) =>
    apiFetch<SavedQuery>(
      `/api/v1/saved-queries/${at(id)}`,
      json('PUT', { ...body, version, ...shared(sharing) }),
    ),
  remove: (id: string, version?: number) =>
    apiFetch<undefined>(
      `/api/v1/saved-queries/${at(id)}${version === undefined ? '' : `?version=${version}`}`,
      { method: 'DELETE' },
    ),
};

export const dashboardsApi = {
  list: (search?: string, limit?: number, offset?: number) =>
    apiFetch<ListResponse<DashboardSummary>>(
      `/api/v1/dashboards${listQuery(search, limit, offset)}`,
      {},
    ),
  get: (id: string) => apiFetch<Dashboard>(`/api/v1/dashboards/${at(id)}`, {}),
  create: (body: DashboardBodyInput, sharing?: Sharing) =>
    postJson<Dashboard>('/api/v1/dashboards', { ...body, ...shared(sharing) }),
  update: (id: string, version: number, body: DashboardBodyInput, sharing?: Sharing) =>
    apiFetch<Dashboard>(
      `/api/v1/dashboards/${at(id)}`,
      json('PUT', { ...body, version, ...shared(sharing) }),
    ),
  remove: (id: string, version?: number) =>
    apiFetch<undefined>(
      `/api/v1/dashboards/${at(id)}${version === undefined ? '' : `?version=${version}`}`,
      { method: 'DELETE' },
    ),
  versions: (id: string) =>
    apiFetch<{ versions: VersionInfo[] }>(`/api/v1/dashboards/${at(id)}/versions`, {}),
  version: (id: string, version: number) =>
    apiFetch<Dashboard>(`/api/v1/dashboards/${at(id)}/versions/${version}`, {}),
  /** Saves version `version` again as the newest; `current` is the version the client holds. */
  restore: (id: string, version: number, current: number) =>
    postJson<Dashboard>(`/api/v1/dashboards/${at(id)}/versions/${version}/restore`, {
      version: current,
    }),
  export: (id: string) => apiFetch<DashboardExport>(`/api/v1/dashboards/${at(id)}/export`, {}),
  /** Rejects with status 400 and `problems` (see `importProblems`) listing every mistake. */
  import: (file: unknown) => postJson<Dashboard>('/api/v1/dashboards/import', file),
};

export const linksApi = {
  /** `url` is relative to Logsift's base path: `/?…` or `/dashboards/<id>?…`. */
  create: (url: string) => postJson<LinkResponse>('/api/v1/links', { url }),
};

/**
 * Who is signed in, for the sharing controls only (the sign-in pages have their own client).
 * A server without the route answers 404: sign-in is off there, as it was before it existed.
 */
export const whoAmIApi = {
  get: async (): Promise<MeResponse | undefined> => {
    try {
      return await apiFetch<MeResponse>('/api/v1/auth/me', {});
    } catch (error) {
      if (error instanceof ApiRequestError && error.status === 404) return undefined;
      throw error;
    }
  },
};

export const settingsApi = {
  get: () => apiFetch<SettingsResponse>('/api/v1/settings', {}),
};

/** The object as someone else saved it, when `error` is a 409 from a stale write. */
export function conflictCurrent<T>(error: unknown): T | undefined {
  if (!(error instanceof ApiRequestError) || error.status !== 409) return undefined;
  return (error.answer as { current?: T } | undefined)?.current;
}

/** Every problem an import or save was refused for, when `error` lists them. */
export function importProblems(error: unknown): Problem[] {
  if (!(error instanceof ApiRequestError)) return [];
  return (error.answer as { problems?: Problem[] } | undefined)?.problems ?? [];
}
