import { useState, type PointerEvent, type ReactNode } from 'react';
import type { Panel } from '../../../model';
import { hrefFor, isPlainClick } from '../../router';
import { testIds } from '../../testIds';
import { usePopover } from '../../ui/usePopover';
import { KIND_NAMES, PanelIcon } from './PanelIcon';
import './panels.css';

export type PanelState = 'loading' | 'drawn' | 'error';

/** What the dashboard lets a panel do to itself. */
export interface PanelActions {
  editing: boolean;
  /** Explore with this panel's query, `panel=` and `dv=` (see exploreLinkFor). */
  explorePath: string;
  /** Goes there in the app (the page asks first when it has unsaved changes). */
  onOpenExplore(): void;
  onChange(patch: Partial<Pick<Panel, 'title' | 'field' | 'query'>>): void;
  onDuplicate(): void;
  onRemove(): void;
  /** The grid's drag start: the header is the handle in edit mode. */
  onDragStart(e: PointerEvent<HTMLElement>): void;
}

export interface PanelFrameProps {
  panel: Panel;
  actions: PanelActions;
  state: PanelState;
  /** Still asking (a refresh or a new variable value) while the last answer stays drawn. */
  busy?: boolean;
  error?: string | undefined;
  /** The query as sent, variables filled in: "View query" shows it. */
  sentQuery?: string | undefined;
  /** Right of the title: a total, a step. */
  note?: ReactNode;
  children?: ReactNode;
}

export function PanelFrame({
  panel,
  actions,
  state,
  busy = false,
  error,
  sentQuery,
  note,
  children,
}: PanelFrameProps) {
  const { box, open, setOpen, onKeyDown } = usePopover<HTMLDivElement>();
  const [showQuery, setShowQuery] = useState(false);
  const [renaming, setRenaming] = useState(false);
  const close = (run: () => void) => () => {
    setOpen(false);
    run();
  };
  return (
    <section
      className={`dash-panel${busy ? ' busy' : ''}`}
      data-testid={testIds.dashboardPanel}
      data-panel-id={panel.id}
      data-kind={panel.kind}
      data-state={state}
      aria-busy={state === 'loading' || busy}
      aria-label={panel.title || KIND_NAMES[panel.kind]}
    >
      <header
        className={`dash-panel-header${actions.editing ? ' draggable' : ''}`}
        onPointerDown={(e) => {
          if (actions.editing && !(e.target as HTMLElement).closest('button, input, a')) {
            actions.onDragStart(e);
          }
        }}
      >
        <PanelIcon kind={panel.kind} />
        {actions.editing && renaming ? (
          <input
            className="dash-panel-title-input"
            data-testid={testIds.panelTitleInput}
            aria-label="Panel title"
            defaultValue={panel.title}
            autoFocus
            maxLength={200}
            onBlur={(e) => {
              actions.onChange({ title: e.target.value.trim() });
              setRenaming(false);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') e.currentTarget.blur();
              if (e.key === 'Escape') setRenaming(false);
            }}
          />
        ) : (
          <h3
            className="dash-panel-title"
            data-testid={testIds.panelTitle}
            title={actions.editing ? 'Double-click to rename' : panel.title}
            onDoubleClick={() => actions.editing && setRenaming(true)}
          >
            {panel.title || <span className="muted">{KIND_NAMES[panel.kind]}</span>}
          </h3>
        )}
        <span className="dash-panel-note">{note}</span>
        <div className="dash-panel-menu" ref={box}>
          <button
            type="button"
            className="icon-button"
            data-testid={testIds.panelMenu}
            aria-label={`Menu of ${panel.title || 'panel'}`}
            aria-haspopup="menu"
            aria-expanded={open}
            onClick={() => setOpen(!open)}
            onKeyDown={onKeyDown}
          >
            ⋮
          </button>
          {open && (
            <div className="dash-menu" role="menu" onKeyDown={onKeyDown}>
              <a
                role="menuitem"
                href={hrefFor(actions.explorePath)}
                data-testid={testIds.panelEditInExplore}
                onClick={(e) => {
                  if (!isPlainClick(e)) return;
                  e.preventDefault();
                  setOpen(false);
                  actions.onOpenExplore();
                }}
              >
                Edit in Explore
              </a>
              <button role="menuitem" type="button" onClick={close(() => setShowQuery(!showQuery))}>
                {showQuery ? 'Hide query' : actions.editing ? 'Edit query' : 'View query'}
              </button>
              {actions.editing && (
                <button role="menuitem" type="button" onClick={close(() => setRenaming(true))}>
                  Rename
                </button>
              )}
              <button
                role="menuitem"
                type="button"
                data-testid={testIds.panelDuplicate}
                onClick={close(actions.onDuplicate)}
              >
                Duplicate
              </button>
              <button
                role="menuitem"
                type="button"
                className="danger-text"
                data-testid={testIds.panelRemove}
                onClick={close(actions.onRemove)}
              >
                Remove
              </button>
            </div>
          )}
        </div>
      </header>
      {showQuery &&
        (actions.editing ? (
          <textarea
            key={panel.query}
            className="dash-panel-query"
            data-testid={testIds.panelQueryInput}
            aria-label={`Query of ${panel.title || 'panel'}`}
            defaultValue={panel.query}
            spellCheck={false}
            rows={3}
            onBlur={(e) => {
              if (e.target.value !== panel.query) actions.onChange({ query: e.target.value });
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) e.currentTarget.blur();
            }}
          />
        ) : (
          <pre className="dash-panel-query" data-testid={testIds.panelQuery}>
            {sentQuery ?? panel.query}
          </pre>
        ))}
      <div className="dash-panel-body">
        {state === 'error' ? (
          <div className="dash-panel-error" role="alert" data-testid={testIds.panelError}>
            {error}
          </div>
        ) : state === 'loading' && !children ? (
          <div className="dash-panel-loading muted">Loading…</div>
        ) : (
          children
        )}
      </div>
    </section>
  );
}
