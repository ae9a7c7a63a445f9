import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { SavedQuery } from '../../model';
import { ApiRequestError } from '../api/client';
import { savedQueriesApi } from '../api/saved';
import { hrefFor } from '../router';
import { followLink } from '../shell/TopNav';
import { testIds } from '../testIds';
import { Modal } from '../ui/Modal';
import { formatSavedAt } from '../ui/savedAt';
import { describeRange, timeToMs } from '../ui/time';
import { useDebounced } from '../ui/useDebounced';
import { EditSavedQueryDialog } from './EditSavedQueryDialog';
import { SharingBadge } from './SharingBadge';
import { canEdit, isOwner } from './sharingText';
import { useSignIn, type SignInState } from './useSignIn';
import { exploreUrlFor } from './savedQueryUrl';
import { savedQueriesKey } from './writeSavedQuery';
import './SavedQueries.css';

const LANGUAGE_NAMES: Record<SavedQuery['language'], string> = {
  logql: 'LogQL',
  kql: 'KQL',
  lucene: 'Lucene',
  insights: 'Insights',
};

/** The team's saved queries: searched on the server, opened in Explore, renamed, deleted. */
/** A saved range as the time picker names it; one it cannot read is shown as stored. */
function rangeText(range: SavedQuery['range']): string {
  const from = String(range.from);
  const to = String(range.to);
  const readable = [from, to].every((t) => Number.isFinite(timeToMs(t, Date.now())));
  return readable ? describeRange(from, to) : `${from} → ${to}`;
}

export function SavedQueriesPage() {
  const [search, setSearch] = useState('');
  const settled = useDebounced(search.trim(), 250);
  const list = useQuery({
    queryKey: [...savedQueriesKey, settled],
    queryFn: () => savedQueriesApi.list(settled || undefined, 500),
    retry: false,
    // The last answer stays while the next search is on its way: the table does not blink per key.
    placeholderData: keepPreviousData,
  });
  const [editing, setEditing] = useState<SavedQuery>();
  const [deleting, setDeleting] = useState<SavedQuery>();
  const signIn = useSignIn();
  const items = list.data?.items ?? [];
  return (
    <div className="saved-page" data-testid={testIds.savedQueries}>
      <header className="saved-page-header">
        <h1>Saved queries</h1>
        <input
          type="search"
          className="saved-page-search"
          placeholder="Search by name, description or query"
          aria-label="Search saved queries"
          data-testid={testIds.savedQueriesSearch}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        {list.data && (
          <span className="muted">
            {list.data.total.toLocaleString()} {list.data.total === 1 ? 'query' : 'queries'}
          </span>
        )}
      </header>
      {list.error && (
        <div className="error-box" role="alert">
          {list.error instanceof ApiRequestError ? list.error.body.message : String(list.error)}
        </div>
      )}
      {list.isSuccess && items.length === 0 && (
        <div className="saved-empty" data-testid={testIds.savedQueriesEmpty}>
          {settled ? (
            <p>No saved query matches “{settled}”.</p>
          ) : (
            <>
              <p>No saved queries yet.</p>
              <p className="muted">
                In{' '}
                <a href={hrefFor('/')} onClick={(e) => followLink(e, '/')}>
                  Explore
                </a>
                , write a query and press <strong>Save</strong> beside Run query: it keeps the
                datasources, language, query and time range for everyone.
              </p>
            </>
          )}
        </div>
      )}
      {items.length > 0 && (
        <table className="saved-table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Datasource</th>
              <th>Language</th>
              <th className="saved-query-col">Query</th>
              <th>Range</th>
              {signIn.on && <th>Owner</th>}
              <th>Updated</th>
              <th aria-label="Actions" />
            </tr>
          </thead>
          <tbody>
            {items.map((q) => (
              <SavedQueryRow
                key={q.id}
                query={q}
                signIn={signIn}
                onEdit={() => setEditing(q)}
                onDelete={() => setDeleting(q)}
              />
            ))}
          </tbody>
        </table>
      )}
      {editing && <EditSavedQueryDialog query={editing} onClose={() => setEditing(undefined)} />}
      {deleting && <DeleteDialog query={deleting} onClose={() => setDeleting(undefined)} />}
    </div>
  );
}

function SavedQueryRow({
  query,
  signIn,
  onEdit,
  onDelete,
}: {
  query: SavedQuery;
  signIn: SignInState;
  onEdit(): void;
  onDelete(): void;
}) {
  const url = exploreUrlFor(query);
  return (
    <tr data-testid={testIds.savedQueryRow} data-id={query.id}>
      <td className="saved-name-cell">
        <a
          href={hrefFor(url)}
          data-testid={testIds.savedQueryOpen}
          onClick={(e) => followLink(e, url)}
        >
          {query.name}
        </a>
        {query.description && <div className="muted small">{query.description}</div>}
      </td>
      <td>{query.datasources.join(', ')}</td>
      <td>{LANGUAGE_NAMES[query.language]}</td>
      <td className="saved-query-col">
        <code title={query.query}>{query.query}</code>
      </td>
      <td className="nowrap">{rangeText(query.range)}</td>
      {signIn.on && (
        <td>
          <SharingBadge
            owner={query.owner}
            sharing={query.sharing}
            access={query.access}
            me={signIn.me?.id}
          />
        </td>
      )}
      <td className="nowrap muted">{formatSavedAt(query.updatedAt)}</td>
      <td className="nowrap saved-actions">
        {canEdit(query.access) && (
          <button
            type="button"
            className="toolbar-button"
            data-testid={testIds.savedQueryEdit}
            onClick={onEdit}
          >
            Edit
          </button>
        )}
        {isOwner(query.access) && (
          <button
            type="button"
            className="toolbar-button"
            data-testid={testIds.savedQueryDelete}
            onClick={onDelete}
          >
            Delete
          </button>
        )}
      </td>
    </tr>
  );
}

function DeleteDialog({ query, onClose }: { query: SavedQuery; onClose(): void }) {
  const client = useQueryClient();
  const remove = useMutation({
    // Without the version: deleting what someone renamed meanwhile is still what was asked.
    mutationFn: () => savedQueriesApi.remove(query.id),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: savedQueriesKey });
      onClose();
    },
  });
  return (
    <Modal title="Delete saved query" onClose={onClose}>
      <p>
        Delete <strong>{query.name}</strong> for everyone? Links that open it keep working as plain
        Explore links.
      </p>
      {remove.error && (
        <div className="error-box" role="alert">
          {remove.error.message}
        </div>
      )}
      <div className="modal-actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button
          type="button"
          className="danger"
          data-testid="confirm-delete"
          disabled={remove.isPending}
          onClick={() => remove.mutate()}
        >
          Delete
        </button>
      </div>
    </Modal>
  );
}
