import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { Dashboard, VersionInfo } from '../../../model';
import { dashboardsApi, conflictCurrent } from '../../api/saved';
import { ApiRequestError } from '../../api/client';
import { testIds } from '../../testIds';
import { formatSavedAt } from '../../ui/savedAt';
import { VersionJson } from './VersionJson';
import './VersionsDrawer.css';

type Restore =
  | { kind: 'idle' }
  | { kind: 'busy'; version: number }
  | { kind: 'conflict'; current: Dashboard | undefined }
  | { kind: 'failed'; message: string };

/**
 * A dashboard's saved versions, newest first. Restoring saves the old version again as the
 * newest, based on the version the page holds: if someone saved meanwhile, the server refuses
 * (409) and the user is offered theirs instead of overwriting it unseen.
 */
export function VersionsDrawer({
  dashboardId,
  currentVersion,
  onRestored,
  onClose,
}: {
  dashboardId: string;
  currentVersion: number;
  /** The dashboard as it now is: the restored version, or someone else's newer save. */
  onRestored: (dashboard: Dashboard) => void;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const queryKey = ['dashboards', 'versions', dashboardId];
  const versions = useQuery({
    queryKey,
    queryFn: () => dashboardsApi.versions(dashboardId),
    select: (answer): VersionInfo[] => [...answer.versions].sort((a, b) => b.version - a.version),
  });
  const [restore, setRestore] = useState<Restore>({ kind: 'idle' });
  const [shown, setShown] = useState<number | null>(null);
  useEffect(() => {
    // Esc closes the drawer as it closes dialogs; with a modal dialog open, the Esc is the dialog's.
    const close = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !document.querySelector('dialog[open]')) onClose();
    };
    document.addEventListener('keydown', close);
    return () => document.removeEventListener('keydown', close);
  }, [onClose]);

  const restoreVersion = async (version: number) => {
    setRestore({ kind: 'busy', version });
    try {
      const restored = await dashboardsApi.restore(dashboardId, version, currentVersion);
      setRestore({ kind: 'idle' });
      void queryClient.invalidateQueries({ queryKey });
      onRestored(restored);
    } catch (e) {
      if (e instanceof ApiRequestError && e.status === 409) {
        setRestore({ kind: 'conflict', current: conflictCurrent<Dashboard>(e) });
      } else {
        setRestore({ kind: 'failed', message: e instanceof Error ? e.message : String(e) });
      }
    }
  };

  const reload = (current: Dashboard | undefined) => {
    setRestore({ kind: 'idle' });
    void queryClient.invalidateQueries({ queryKey });
    if (current) onRestored(current);
    else window.location.reload();
  };

  return (
    <aside className="versions-drawer" aria-label="Versions" data-testid={testIds.versionsDrawer}>
      <header className="versions-header">
        <h2>Versions</h2>
        <button type="button" className="versions-close" aria-label="Close" onClick={onClose}>
          ×
        </button>
      </header>
      {restore.kind === 'conflict' && (
        <div className="versions-message" role="alert">
          <p>
            Someone saved this dashboard meanwhile
            {restore.current ? ` (version ${restore.current.version})` : ''}, so nothing was
            restored.
          </p>
          <button
            type="button"
            className="toolbar-button"
            data-testid="versions-reload"
            onClick={() => reload(restore.current)}
          >
            Load their version
          </button>
        </div>
      )}
      {restore.kind === 'failed' && (
        <p className="versions-message" role="alert">
          Restore failed: {restore.message}
        </p>
      )}
      {versions.isPending && <p className="versions-note muted">Loading versions…</p>}
      {versions.isError && (
        <p className="versions-message" role="alert">
          Could not list versions: {versions.error.message}
        </p>
      )}
      <ol className="versions-list">
        {versions.data?.map((v) => {
          const isCurrent = v.version === currentVersion;
          return (
            <li
              key={v.version}
              className={isCurrent ? 'current' : undefined}
              data-testid={testIds.versionRow}
              data-version={v.version}
            >
              <div className="version-line">
                <span className="version-number">v{v.version}</span>
                <span className="version-title">{v.title}</span>
                {isCurrent && <span className="version-badge">current</span>}
              </div>
              <div className="version-line">
                <span className="muted small" title={v.createdAt}>
                  {formatSavedAt(v.createdAt)}
                </span>
                <span className="spacer" />
                <button
                  type="button"
                  className="version-action"
                  aria-expanded={shown === v.version}
                  onClick={() => setShown(shown === v.version ? null : v.version)}
                >
                  {shown === v.version ? 'Hide JSON' : 'View JSON'}
                </button>
                {!isCurrent && (
                  <button
                    type="button"
                    className="version-action"
                    data-testid={testIds.versionRestore}
                    disabled={restore.kind === 'busy'}
                    onClick={() => void restoreVersion(v.version)}
                  >
                    {restore.kind === 'busy' && restore.version === v.version
                      ? 'Restoring…'
                      : 'Restore'}
                  </button>
                )}
              </div>
              {shown === v.version && <VersionJson dashboardId={dashboardId} version={v.version} />}
            </li>
          );
        })}
      </ol>
    </aside>
  );
}
