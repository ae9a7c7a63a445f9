import type { ReactNode } from 'react';
import type { Dashboard } from '../../model';
import { TimeRangePicker } from '../explore/TimeRangePicker';
import { hrefFor, isPlainClick, navigate } from '../router';
import { testIds } from '../testIds';
import type { DashboardView } from './dashboardUrl';
import { RefreshPicker } from './RefreshPicker';

/** Title (editable in edit mode), the range, auto-refresh, and the edit/save controls. */
export function DashboardToolbar({
  draft,
  view,
  editing,
  canEdit,
  dirty,
  saving,
  busy,
  minRefreshMs,
  onTitle,
  onView,
  onRefresh,
  onEdit,
  onSave,
  onDiscard,
  editTools,
  tools,
}: {
  draft: Dashboard;
  view: DashboardView;
  editing: boolean;
  /** False when the dashboard is shared with this person to view only. */
  canEdit: boolean;
  dirty: boolean;
  saving: boolean;
  busy: boolean;
  minRefreshMs: number;
  onTitle(title: string): void;
  onView(change: Partial<DashboardView>): void;
  onRefresh(): void;
  onEdit(editing: boolean): void;
  onSave(): void;
  onDiscard(): void;
  /** Shown in edit mode only: "Add panel". */
  editTools: ReactNode;
  /** Shown always: versions, export. */
  tools: ReactNode;
}) {
  return (
    <header className="dash-toolbar">
      <nav className="dash-crumbs" aria-label="Breadcrumb">
        <a
          href={hrefFor('/dashboards')}
          onClick={(e) => {
            if (!isPlainClick(e)) return;
            e.preventDefault();
            navigate('/dashboards');
          }}
        >
          Dashboards
        </a>
        <span className="muted">/</span>
        {editing ? (
          <input
            className="dash-title-input"
            data-testid={testIds.dashboardTitle}
            aria-label="Dashboard title"
            value={draft.title}
            maxLength={200}
            onChange={(e) => onTitle(e.target.value)}
          />
        ) : (
          <h1 className="dash-title" data-testid={testIds.dashboardTitle}>
            {draft.title}
          </h1>
        )}
        {dirty && (
          <span className="dash-dirty" data-testid={testIds.dashboardDirty} title="Unsaved changes">
            unsaved
          </span>
        )}
      </nav>
      <div className="dash-tools">
        {editing && editTools}
        {editing ? (
          <>
            <button
              type="button"
              className="toolbar-button"
              data-testid={testIds.dashboardDiscard}
              onClick={onDiscard}
            >
              {dirty ? 'Discard' : 'Exit edit'}
            </button>
            <button
              type="button"
              className="primary"
              data-testid={testIds.dashboardSave}
              disabled={!dirty || saving || draft.title.trim() === ''}
              onClick={onSave}
            >
              {saving ? 'Saving…' : 'Save dashboard'}
            </button>
          </>
        ) : (
          canEdit && (
            <button
              type="button"
              className="toolbar-button"
              data-testid={testIds.dashboardEdit}
              onClick={() => onEdit(true)}
            >
              Edit
            </button>
          )
        )}
        {tools}
        <TimeRangePicker
          from={view.from}
          to={view.to}
          onChange={(from, to) => onView({ from, to })}
        />
        <RefreshPicker
          refreshMs={view.refreshMs}
          minRefreshMs={minRefreshMs}
          busy={busy}
          onRefresh={onRefresh}
          onChange={(refreshMs) => onView({ refreshMs })}
        />
      </div>
    </header>
  );
}
