import { useIsFetching, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { Dashboard, Panel } from '../../model';
import { datasourcesQuery } from '../api/queries';
import { settingsApi } from '../api/saved';
import { isPlainClick, navigate } from '../router';
import { testIds } from '../testIds';
import { ConflictDialog } from '../ui/ConflictDialog';
import { AddPanelMenu } from './AddPanelMenu';
import { DashboardToolbar } from './DashboardToolbar';
import { exploreLinkFor } from './dashboardUrl';
import { DashboardGrid } from './grid/DashboardGrid';
import type { LayoutItem } from './grid/layout';
import { duplicatePanel, newPanel } from './newPanel';
import { panelQueryKeyPrefix } from './panelRequests';
import type { PanelActions } from './panels/PanelFrame';
import { PanelView } from './panels/PanelView';
import { useDashboardClock } from './useDashboardClock';
import { useDashboardDraft } from './useDashboardDraft';
import { useDashboardView } from './useDashboardView';
import { VariablesBar } from './variables/VariablesBar';
import { VersionsDrawer } from './versions/VersionsDrawer';
import { DashboardSharing } from './sharing/DashboardSharing';
import { ExportButton } from './io/ExportButton';
import './DashboardPage.css';

/** The server's default when its settings cannot be read: Grafana's own floor. */
const DEFAULT_MIN_REFRESH_MS = 10_000;

/** Leaving with unsaved changes asks first: a reload or tab close, or any link on the page. */
function useLeaveWarning(dirty: boolean): void {
  useEffect(() => {
    if (!dirty) return undefined;
    const warn = (e: BeforeUnloadEvent) => {
      e.preventDefault();
    };
    // Capture, so the question comes before the link's own handler navigates in the app.
    const onLink = (e: MouseEvent) => {
      const link = (e.target as Element | null)?.closest?.('a[href]');
      if (!link || !isPlainClick(e)) return;
      if (!window.confirm('This dashboard has unsaved changes. Leave anyway?')) {
        e.preventDefault();
        e.stopPropagation();
      }
    };
    window.addEventListener('beforeunload', warn);
    window.addEventListener('click', onLink, true);
    return () => {
      window.removeEventListener('beforeunload', warn);
      window.removeEventListener('click', onLink, true);
    };
  }, [dirty]);
}

const withLayout = (d: Dashboard, layout: LayoutItem[]): Dashboard => {
  const at = new Map(layout.map((item) => [item.id, item]));
  return {
    ...d,
    panels: d.panels.map((p) => {
      const item = at.get(p.id);
      return item ? { ...p, grid: { x: item.x, y: item.y, w: item.w, h: item.h } } : p;
    }),
  };
};

/** `/dashboards/<id>`: the dashboard's panels on one range, edited in place and saved safely. */
export function DashboardPage({ id }: { id: string }) {
  const d = useDashboardDraft(id);
  const settings = useQuery({
    queryKey: ['settings'],
    queryFn: settingsApi.get,
    staleTime: 60_000,
    retry: false,
  });
  const datasources = useQuery(datasourcesQuery());
  const [editing, setEditingState] = useState(false);
  const [history, setHistory] = useState(false);
  const [view, changeView] = useDashboardView(d.draft);
  const minRefreshMs = settings.data?.dashboards.minRefreshMs ?? DEFAULT_MIN_REFRESH_MS;
  const refreshMs =
    view?.refreshMs === null || view?.refreshMs === undefined
      ? null
      : Math.max(view.refreshMs, minRefreshMs);
  const clock = useDashboardClock(view?.from ?? 'now-1h', view?.to ?? 'now', refreshMs);
  const busy = useIsFetching({ queryKey: panelQueryKeyPrefix }) > 0;
  useLeaveWarning(d.dirty);

  if (d.loadError) {
    return (
      <main className="dash-page">
        <div className="dash-message" role="alert" data-testid={testIds.dashboardError}>
          This dashboard could not be opened: {d.loadError.message}
        </div>
      </main>
    );
  }
  const { draft, saved } = d;
  if (!draft || !saved || !view) {
    return (
      <main className="dash-page" aria-busy="true">
        <div className="dash-message muted">Loading dashboard…</div>
      </main>
    );
  }

  // Shared with this person to view only: no edit mode, so nothing to save.
  const canEdit = saved.access !== 'view';
  const setEditing = (on: boolean) => setEditingState(on && canEdit);
  const setPanels = (change: (panels: Panel[]) => Panel[]) => {
    if (canEdit) d.edit((x) => ({ ...x, panels: change(x.panels) }));
  };
  const actionsFor = (panel: Panel, onDragStart: PanelActions['onDragStart']): PanelActions => ({
    editing,
    explorePath: exploreLinkFor(saved, panel, view),
    onOpenExplore: () => navigate(exploreLinkFor(saved, panel, view)),
    onChange: (patch) =>
      setPanels((panels) => panels.map((p) => (p.id === panel.id ? { ...p, ...patch } : p))),
    onDuplicate: () => {
      setEditing(true);
      setPanels((panels) => [...panels, duplicatePanel(panel, panels)]);
    },
    onRemove: () => {
      setEditing(true);
      setPanels((panels) => panels.filter((p) => p.id !== panel.id));
    },
    onDragStart,
  });
  const firstDatasource = datasources.data?.[0];
  const declared = draft.variables.map((v) => v.name);

  return (
    <main className={`dash-page${editing ? ' editing' : ''}`}>
      <DashboardToolbar
        draft={draft}
        view={{ ...view, refreshMs }}
        editing={editing}
        canEdit={canEdit}
        dirty={d.dirty}
        saving={d.saving}
        busy={busy}
        minRefreshMs={minRefreshMs}
        onTitle={(title) => d.edit((x) => ({ ...x, title }))}
        onView={changeView}
        onRefresh={clock.refresh}
        onEdit={setEditing}
        onSave={() => void d.save(view.values)}
        onDiscard={() => {
          d.discard();
          setEditing(false);
        }}
        editTools={
          <AddPanelMenu
            disabled={!firstDatasource}
            onAdd={(kind) => {
              if (firstDatasource)
                setPanels((panels) => [...panels, newPanel(kind, firstDatasource, panels)]);
            }}
          />
        }
        tools={
          <>
            <button
              type="button"
              className="toolbar-button"
              data-testid={testIds.dashboardHistory}
              aria-expanded={history}
              onClick={() => setHistory(!history)}
            >
              History
            </button>
            <ExportButton dashboard={saved} />
            <DashboardSharing saved={saved} dirty={d.dirty} onChanged={d.replace} />
          </>
        }
      />
      {editing ? (
        <textarea
          className="dash-description-input"
          aria-label="Dashboard description"
          placeholder="Description"
          rows={1}
          maxLength={2000}
          value={draft.description}
          onChange={(e) => d.edit((x) => ({ ...x, description: e.target.value }))}
        />
      ) : (
        draft.description && <p className="dash-description">{draft.description}</p>
      )}
      <VariablesBar
        variables={draft.variables}
        values={view.values}
        editing={editing}
        range={{ from: view.from, to: view.to }}
        onVariablesChange={(variables) => d.edit((x) => ({ ...x, variables }))}
        onValuesChange={(values) => {
          // Defaults filled in for variables without a value are no step to go Back to.
          const fillsOnly = Object.entries(view.values).every(([k, v]) => values[k] === v);
          changeView({ values }, { replace: fillsOnly });
        }}
      />
      {d.saveError && (
        <div className="dash-save-error" role="alert">
          Not saved: {d.saveError}
        </div>
      )}
      {clock.error && (
        <div className="dash-save-error" role="alert">
          {clock.error}
        </div>
      )}
      {draft.panels.length === 0 ? (
        <div className="dash-empty">
          <p>This dashboard has no panels yet.</p>
          {!editing && canEdit && (
            <button type="button" className="primary" onClick={() => setEditing(true)}>
              Edit to add panels
            </button>
          )}
        </div>
      ) : (
        clock.time && (
          <DashboardGrid
            panels={draft.panels}
            editing={editing}
            onLayout={(layout) => d.edit((x) => withLayout(x, layout))}
            renderPanel={(panel, slot) =>
              clock.time && (
                <PanelView
                  panel={panel}
                  values={view.values}
                  declared={declared}
                  time={clock.time}
                  actions={actionsFor(panel, slot.onDragStart)}
                  bodyHeight={slot.bodyHeight}
                  onZoom={(from, to) => changeView({ from: String(from), to: String(to) })}
                />
              )
            }
          />
        )
      )}
      {history && (
        <VersionsDrawer
          dashboardId={saved.id}
          currentVersion={saved.version}
          onRestored={(restored) => {
            d.replace(restored);
            setEditing(false);
          }}
          onClose={() => setHistory(false)}
        />
      )}
      {d.conflict && (
        <ConflictDialog
          what="dashboard"
          current={d.conflict}
          onCancel={d.dismissConflict}
          onReload={() => {
            if (d.conflict) d.replace(d.conflict);
            setEditing(false);
          }}
          onOverwrite={() => void d.save(view.values, d.conflict?.version)}
          onSaveCopy={() =>
            void d.saveCopy(view.values).then((copy) => {
              if (copy) navigate(`/dashboards/${copy.id}`);
            })
          }
        />
      )}
    </main>
  );
}
