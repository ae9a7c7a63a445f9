import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { Dashboard, Language, PanelKind } from '../../../model';
import { dashboardsApi } from '../../api/saved';
import { facetsQuery } from '../../api/queries';
import { navigate } from '../../router';
import { EMPTY_SUBMITTED } from '../../state/exploreStore';
import { useExplore } from '../../state/storeContext';
import { testIds } from '../../testIds';
import { ConflictDialog } from '../../ui/ConflictDialog';
import { Modal, ModalError } from '../../ui/Modal';
import { useDebounced } from '../../ui/useDebounced';
import { addPanelTo } from './addPanel';
import {
  PANEL_KIND_LABELS,
  panelFromPane,
  panelKindsFor,
  withPanel,
  type PanelChoice,
} from './panelFromPane';

/** A title that says what the panel shows, until the user writes one. */
const defaultTitle = (kind: PanelKind, field: string | undefined): string =>
  kind === 'table' && field ? `Top ${field}` : PANEL_KIND_LABELS[kind].replace(/ \(.*\)$/, '');

type Target = { kind: 'existing'; id: string; title: string } | { kind: 'new'; title: string };

/** Puts the pane's query on a dashboard as a panel: an existing dashboard or a new one. */
export function AddToDashboardDialog({
  language,
  onClose,
}: {
  language: Language;
  onClose(): void;
}) {
  const client = useQueryClient();
  const pane = useExplore((s) => s);
  const source = { ...pane, language };
  const kinds = panelKindsFor(language, pane.query);
  const [target, setTarget] = useState<Target>();
  const [newTitle, setNewTitle] = useState('');
  const [search, setSearch] = useState('');
  const settled = useDebounced(search.trim(), 250);
  const list = useQuery({
    queryKey: ['dashboards', 'pick', settled],
    queryFn: () => dashboardsApi.list(settled || undefined, 50),
    retry: false,
    placeholderData: keepPreviousData,
  });
  // The fields the pane's field list already has: the same request, answered from the cache.
  const submitted = useExplore((s) => s.submitted);
  const facets = useQuery({
    ...facetsQuery(submitted ?? EMPTY_SUBMITTED),
    enabled: !!submitted && kinds.includes('table'),
  });
  const fields = facets.data?.facets.map((f) => f.field) ?? [];
  const [choice, setChoice] = useState<PanelChoice>({ kind: kinds[0] ?? 'logs', title: '' });
  const [titleEdited, setTitleEdited] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [conflict, setConflict] = useState<Dashboard>();
  const [added, setAdded] = useState<Dashboard>();

  const field = choice.kind === 'table' ? (choice.field ?? fields[0]) : undefined;
  const title = titleEdited ? choice.title : defaultTitle(choice.kind, field);
  const picked: PanelChoice = { ...choice, title, ...(field ? { field } : {}) };
  const chosen: Target | undefined =
    target?.kind === 'new' ? { kind: 'new', title: newTitle.trim() } : target;
  const ready =
    chosen !== undefined &&
    chosen.title !== '' &&
    picked.title.trim() !== '' &&
    (picked.kind !== 'table' || field !== undefined);

  const done = (d: Dashboard) => {
    void client.invalidateQueries({ queryKey: ['dashboards'] });
    setAdded(d);
  };
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await work();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!ready || !chosen) return;
    void run(async () => {
      if (chosen.kind === 'new') {
        const panel = panelFromPane(source, picked, []);
        done(await dashboardsApi.create({ title: chosen.title, panels: [panel] }));
        return;
      }
      const outcome = await addPanelTo(chosen.id, (d) => withPanel(d, source, picked));
      if ('conflict' in outcome) setConflict(outcome.conflict);
      else done(outcome.saved);
    });
  };

  if (conflict) {
    return (
      <ConflictDialog
        what="dashboard"
        current={conflict}
        onCancel={() => setConflict(undefined)}
        onReload={() => {
          setConflict(undefined);
          void client.invalidateQueries({ queryKey: ['dashboards'] });
        }}
        onOverwrite={() => {
          setConflict(undefined);
          void run(async () =>
            done(
              await dashboardsApi.update(
                conflict.id,
                conflict.version,
                withPanel(conflict, source, picked),
              ),
            ),
          );
        }}
      />
    );
  }
  if (added) {
    return (
      <Modal title="Panel added" onClose={onClose} testId={testIds.addToDashboardDialog}>
        <p>
          “{picked.title.trim()}” is on <strong>{added.title}</strong> (version {added.version}).
        </p>
        <div className="modal-actions">
          <button type="button" onClick={onClose}>
            Stay in Explore
          </button>
          <button
            type="button"
            className="primary"
            data-testid={testIds.openDashboard}
            onClick={() => navigate(`/dashboards/${encodeURIComponent(added.id)}`)}
          >
            Open dashboard
          </button>
        </div>
      </Modal>
    );
  }
  return (
    <Modal title="Add to dashboard" onClose={onClose} testId={testIds.addToDashboardDialog}>
      <form className="form-stack add-panel-form" onSubmit={submit}>
        <fieldset className="form-field">
          <legend>Dashboard</legend>
          <input
            type="search"
            placeholder="Search dashboards"
            aria-label="Search dashboards"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
          <ul className="dashboard-choices" aria-label="Dashboards">
            <DashboardChoice
              label="+ New dashboard"
              chosen={target?.kind === 'new'}
              testId="dashboard-choice-new"
              onChoose={() => setTarget({ kind: 'new', title: newTitle })}
            />
            {/* A dashboard shared to view only cannot take a panel: not offered. */}
            {list.data?.items
              .filter((d) => d.access !== 'view')
              .map((d) => (
                <DashboardChoice
                  key={d.id}
                  label={d.title}
                  note={`${d.panelCount} panels`}
                  chosen={target?.kind === 'existing' && target.id === d.id}
                  testId="dashboard-choice"
                  onChoose={() => setTarget({ kind: 'existing', id: d.id, title: d.title })}
                />
              ))}
          </ul>
          {list.error && <span className="error-text">{list.error.message}</span>}
          {target?.kind === 'new' && (
            <input
              aria-label="New dashboard title"
              placeholder="Title of the new dashboard"
              data-testid="new-dashboard-title"
              value={newTitle}
              onChange={(e) => setNewTitle(e.target.value)}
            />
          )}
        </fieldset>
        <label className="form-field">
          <span>Panel</span>
          <select
            data-testid="panel-kind"
            value={choice.kind}
            onChange={(e) => {
              const kind = e.target.value as PanelKind;
              setChoice({
                ...choice,
                kind,
                title: titleEdited ? choice.title : PANEL_KIND_LABELS[kind],
              });
            }}
          >
            {kinds.map((k) => (
              <option key={k} value={k}>
                {PANEL_KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </label>
        {choice.kind === 'table' && (
          <label className="form-field">
            <span>Field counted</span>
            <select
              data-testid="panel-field"
              value={field ?? ''}
              onChange={(e) => setChoice({ ...choice, field: e.target.value })}
            >
              {fields.length === 0 && <option value="">Run the query to list its fields</option>}
              {fields.map((f) => (
                <option key={f} value={f}>
                  {f}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="form-field">
          <span>Panel title</span>
          <input
            data-testid="panel-title"
            value={title}
            onChange={(e) => {
              setTitleEdited(true);
              setChoice({ ...choice, title: e.target.value });
            }}
          />
        </label>
        <ModalError message={error} />
        <div className="modal-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button
            type="submit"
            className="primary"
            data-testid={testIds.addToDashboardSubmit}
            disabled={busy || !ready}
          >
            Add panel
          </button>
        </div>
      </form>
    </Modal>
  );
}

/** One dashboard to add to: a radio, so arrows and Space pick one as in any form. */
function DashboardChoice({
  label,
  note,
  chosen,
  testId,
  onChoose,
}: {
  label: string;
  note?: string;
  chosen: boolean;
  testId: string;
  onChoose(): void;
}) {
  return (
    <li>
      <label className={chosen ? 'chosen' : undefined} data-testid={testId}>
        <input type="radio" name="dashboard" checked={chosen} onChange={onChoose} />
        {label} {note && <span className="muted small">{note}</span>}
      </label>
    </li>
  );
}
