import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Dashboard, DashboardBody } from '../../model';
import { conflictCurrent, dashboardsApi } from '../api/saved';

/** What a save sends: the body, without the stored meta. */
export function bodyOf(d: Dashboard): DashboardBody {
  return {
    title: d.title,
    description: d.description,
    range: d.range,
    refreshMs: d.refreshMs,
    variables: d.variables,
    panels: d.panels,
    links: d.links,
  };
}

/** The body with each variable's value as on screen, so the dashboard opens on it next time. */
function withValues(body: DashboardBody, values: Readonly<Record<string, string>>): DashboardBody {
  return {
    ...body,
    variables: body.variables.map((v) => {
      const value = Object.hasOwn(values, v.name) ? values[v.name] : undefined;
      return value === undefined ? v : { ...v, current: value };
    }),
  };
}

export const dashboardQueryKey = (id: string) => ['dashboard', id] as const;

export interface DashboardDraft {
  /** The version as loaded or last saved: writes name its version. */
  saved: Dashboard | undefined;
  /** What is on screen, edited. */
  draft: Dashboard | undefined;
  loadError: Error | null;
  dirty: boolean;
  saving: boolean;
  saveError: string | undefined;
  /** Set when a save met someone else's newer version (409). */
  conflict: Dashboard | undefined;
  edit(change: (d: Dashboard) => Dashboard): void;
  discard(): void;
  /**
   * Saves the draft, with the variables' `values` as their current ones, on the version it was
   * based on; `overVersion` overwrites a newer one.
   */
  save(values: Readonly<Record<string, string>>, overVersion?: number): Promise<void>;
  /** Takes the stored dashboard (theirs after a conflict, or a restored version). */
  replace(d: Dashboard): void;
  /** Keeps the draft as a new dashboard; resolves to it. */
  saveCopy(values: Readonly<Record<string, string>>): Promise<Dashboard | undefined>;
  dismissConflict(): void;
}

/** The dashboard as loaded and as edited, saved with a version check (never a silent overwrite). */
export function useDashboardDraft(id: string): DashboardDraft {
  const queryClient = useQueryClient();
  const loaded = useQuery({
    queryKey: dashboardQueryKey(id),
    queryFn: () => dashboardsApi.get(id),
    retry: false,
    // Explore's "Apply" of a panel edit saves a new version and comes back here: ask again.
    refetchOnMount: 'always',
  });
  // Nothing is copied out of the query until the first edit: the loaded dashboard is the draft.
  const [edits, setEdits] = useState<{ saved: Dashboard; draft: Dashboard } | undefined>();
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | undefined>();
  const [conflict, setConflict] = useState<Dashboard | undefined>();

  const mine = edits && edits.saved.id === id ? edits : undefined;
  const current = mine ?? (loaded.data ? { saved: loaded.data, draft: loaded.data } : undefined);
  const dirty =
    !!current && JSON.stringify(bodyOf(current.draft)) !== JSON.stringify(bodyOf(current.saved));

  const replace = (d: Dashboard) => {
    queryClient.setQueryData(dashboardQueryKey(d.id), d);
    setEdits({ saved: d, draft: d });
    setConflict(undefined);
    setSaveError(undefined);
  };

  return {
    saved: current?.saved,
    draft: current?.draft,
    loadError: loaded.error,
    dirty,
    saving,
    saveError,
    conflict,
    edit: (change) => {
      if (current) setEdits({ ...current, draft: change(current.draft) });
    },
    discard: () => setEdits(current && { ...current, draft: current.saved }),
    replace,
    dismissConflict: () => setConflict(undefined),
    save: async (values, overVersion) => {
      if (!current) return;
      setSaving(true);
      setSaveError(undefined);
      try {
        const version = overVersion ?? current.saved.version;
        replace(await dashboardsApi.update(id, version, withValues(bodyOf(current.draft), values)));
      } catch (e) {
        const theirs = conflictCurrent<Dashboard>(e);
        if (theirs) setConflict(theirs);
        else setSaveError((e as Error).message);
      } finally {
        setSaving(false);
      }
    },
    saveCopy: async (values) => {
      if (!current) return undefined;
      try {
        const copy = await dashboardsApi.create({
          ...withValues(bodyOf(current.draft), values),
          title: `${current.draft.title} (copy)`.slice(0, 200),
        });
        setConflict(undefined);
        return copy;
      } catch (e) {
        setSaveError((e as Error).message);
        return undefined;
      }
    },
  };
}
