import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Dashboard } from '../../../model';
import { conflictCurrent, dashboardsApi } from '../../api/saved';
import { navigate } from '../../router';
import { useExplore } from '../../state/storeContext';
import { panelRef } from '../../state/urlState';
import { testIds } from '../../testIds';
import { ConflictDialog } from '../../ui/ConflictDialog';
import { dashboardPath, withEditedPanel } from './panelEdit';
import './save.css';

const NO_VARIABLES: Readonly<Record<string, string>> = {};

/**
 * Explore opened by a dashboard's "Edit panel": which panel this is, the variables it runs
 * with, and Apply (the editor's query into that panel, on the version opened) or Discard.
 */
export function PanelEditBanner() {
  const panel = useExplore((s) => s.panel);
  const ref = panel ? panelRef(panel) : undefined;
  if (!ref) return null;
  return <Banner dashboardId={ref.dashboardId} panelId={ref.panelId} />;
}

function Banner({ dashboardId, panelId }: { dashboardId: string; panelId: string }) {
  const client = useQueryClient();
  const pane = useExplore((s) => s);
  const variables = pane.variables ?? NO_VARIABLES;
  const dashboard = useQuery({
    queryKey: ['dashboards', 'edit', dashboardId],
    queryFn: () => dashboardsApi.get(dashboardId),
    staleTime: Infinity,
    retry: false,
  });
  const title = dashboard.data?.panels.find((p) => p.id === panelId)?.title;
  const [conflict, setConflict] = useState<Dashboard>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const back = () => navigate(dashboardPath(dashboardId, variables));

  const apply = async (base: Dashboard | undefined) => {
    const { language } = pane;
    if (!language) return;
    setBusy(true);
    setError(undefined);
    try {
      const d = base ?? (await dashboardsApi.get(dashboardId));
      const body = withEditedPanel(d, panelId, { ...pane, language }, variables);
      if (!body) throw new Error('This panel is no longer on the dashboard.');
      // The version the panel was opened from: a newer one means someone else saved meanwhile.
      const version = base ? base.version : (pane.dashboardVersion ?? d.version);
      await dashboardsApi.update(dashboardId, version, body);
      void client.invalidateQueries({ queryKey: ['dashboards'] });
      back();
    } catch (e) {
      const current = conflictCurrent<Dashboard>(e);
      if (current) setConflict(current);
      else setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const reloadTheirs = (d: Dashboard) => {
    const theirs = d.panels.find((p) => p.id === panelId);
    const [datasource, ...also] = theirs?.datasources ?? [];
    pane.setDashboardVersion(d.version);
    client.setQueryData(['dashboards', 'edit', dashboardId], d);
    // A datasource variable's panel is opened on the datasource the variable stands for.
    const resolved = datasource?.startsWith('$') ? variables[datasource.slice(1)] : datasource;
    if (theirs && resolved) {
      pane.openQuery({
        datasource: resolved,
        also,
        language: theirs.language,
        query: theirs.query,
        from: pane.from,
        to: pane.to,
      });
    }
  };

  return (
    <div
      className="panel-edit-banner"
      role="region"
      aria-label="Panel editing"
      data-testid={testIds.panelEditBanner}
    >
      <span>
        Editing panel <strong>«{title ?? panelId}»</strong> of{' '}
        <strong>«{dashboard.data?.title ?? dashboardId}»</strong>
      </span>
      {Object.entries(variables).map(([name, value]) => (
        <span
          key={name}
          className="variable-chip"
          data-testid={testIds.panelEditVariable}
          title={`$${name} = ${value}`}
        >
          <span className="muted">${name}</span> {value}
        </span>
      ))}
      {(error ?? dashboard.error) && (
        <span className="error-text" role="alert">
          {error ?? dashboard.error?.message}
        </span>
      )}
      <span className="spacer" />
      <button
        type="button"
        className="toolbar-button"
        data-testid={testIds.panelEditDiscard}
        onClick={back}
      >
        Discard
      </button>
      <button
        type="button"
        className="primary"
        data-testid={testIds.panelEditApply}
        disabled={busy || !pane.language}
        onClick={() => void apply(undefined)}
      >
        Apply to dashboard
      </button>
      {conflict && (
        <ConflictDialog
          what="dashboard"
          current={conflict}
          onCancel={() => setConflict(undefined)}
          onReload={() => {
            setConflict(undefined);
            reloadTheirs(conflict);
          }}
          onOverwrite={() => {
            setConflict(undefined);
            void apply(conflict);
          }}
        />
      )}
    </div>
  );
}
