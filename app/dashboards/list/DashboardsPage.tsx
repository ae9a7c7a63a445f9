import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { DashboardSummary } from '../../../model';
import { dashboardsApi } from '../../api/saved';
import { testIds } from '../../testIds';
import { useDebounced } from '../../ui/useDebounced';
import { navigate } from '../../router';
import { ImportDialog } from '../io/ImportDialog';
import { useSignIn } from '../../saved/useSignIn';
import { DashboardRow } from './DashboardRow';
import { DeleteDialog } from './DeleteDialog';
import { NewDashboardDialog } from './NewDashboardDialog';
import './DashboardsPage.css';

const SEARCH_DEBOUNCE_MS = 250;
/** One screen of rows at a time: with a thousand dashboards the first answer stays small. */
const PAGE_SIZE = 100;

type Dialog =
  | { kind: 'none' }
  | { kind: 'new' }
  | { kind: 'import' }
  | { kind: 'delete'; dashboard: DashboardSummary };

/** `/dashboards`: every saved dashboard, searched on the server, like Grafana's dashboard browser. */
export function DashboardsPage() {
  const signIn = useSignIn();
  const [search, setSearch] = useState('');
  const settled = useDebounced(search.trim(), SEARCH_DEBOUNCE_MS);
  const [dialog, setDialog] = useState<Dialog>({ kind: 'none' });
  const queryClient = useQueryClient();
  const list = useInfiniteQuery({
    queryKey: ['dashboards', 'list', settled],
    queryFn: ({ pageParam }) => dashboardsApi.list(settled || undefined, PAGE_SIZE, pageParam),
    initialPageParam: 0,
    getNextPageParam: (last, pages) => {
      const seen = pages.reduce((n, p) => n + p.items.length, 0);
      return seen < last.total && last.items.length > 0 ? seen : undefined;
    },
    placeholderData: (previous) => previous,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['dashboards', 'list'] });
  const close = () => setDialog({ kind: 'none' });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const total = list.data?.pages.at(-1)?.total ?? 0;

  return (
    <main className="dashboards-page" data-testid={testIds.dashboardsList}>
      <header className="dashboards-header">
        <h1>Dashboards</h1>
        <div className="spacer" />
        <button
          type="button"
          className="toolbar-button"
          data-testid={testIds.dashboardImport}
          onClick={() => setDialog({ kind: 'import' })}
        >
          Import
        </button>
        <button
          type="button"
          className="primary"
          data-testid={testIds.dashboardNew}
          onClick={() => setDialog({ kind: 'new' })}
        >
          New dashboard
        </button>
      </header>
      <div className="dashboards-toolbar">
        <input
          type="search"
          className="dashboards-search"
          placeholder="Search dashboards by title or description"
          aria-label="Search dashboards"
          data-testid={testIds.dashboardsSearch}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <span className="muted small" aria-live="polite">
          {list.isSuccess &&
            (items.length < total
              ? `${items.length} of ${total}`
              : `${total} dashboard${total === 1 ? '' : 's'}`)}
        </span>
      </div>
      {list.isError && (
        <p className="dashboards-error" role="alert">
          Could not list dashboards: {list.error.message}
        </p>
      )}
      {list.isSuccess && items.length === 0 && (
        <div className="dashboards-empty">
          {settled ? (
            <p>No dashboard matches “{settled}”.</p>
          ) : (
            <>
              <p>No dashboards yet.</p>
              <p className="muted">
                Create one, import a JSON export, or use “Add to dashboard” in Explore.
              </p>
            </>
          )}
        </div>
      )}
      {items.length > 0 && (
        <table
          className={list.isPlaceholderData ? 'dashboards-table stale' : 'dashboards-table'}
          aria-busy={list.isPlaceholderData}
        >
          <thead>
            <tr>
              <th>Name</th>
              <th className="num">Panels</th>
              {signIn.on && <th>Owner</th>}
              <th>Updated</th>
              <th aria-label="Actions" />
            </tr>
          </thead>
          <tbody>
            {items.map((d) => (
              <DashboardRow
                key={d.id}
                dashboard={d}
                signIn={signIn}
                onDelete={() => setDialog({ kind: 'delete', dashboard: d })}
              />
            ))}
          </tbody>
        </table>
      )}
      {list.hasNextPage && (
        <button
          type="button"
          className="toolbar-button dashboards-more"
          disabled={list.isFetchingNextPage}
          onClick={() => void list.fetchNextPage()}
        >
          {list.isFetchingNextPage ? 'Loading…' : `Show more (${total - items.length} left)`}
        </button>
      )}
      {dialog.kind === 'new' && (
        <NewDashboardDialog onClose={close} onCreated={(d) => navigate(`/dashboards/${d.id}`)} />
      )}
      {dialog.kind === 'import' && (
        <ImportDialog onClose={close} onImported={(d) => navigate(`/dashboards/${d.id}`)} />
      )}
      {dialog.kind === 'delete' && (
        <DeleteDialog
          dashboard={dialog.dashboard}
          onClose={close}
          onDeleted={() => {
            close();
            void refresh();
          }}
        />
      )}
    </main>
  );
}
