import { useState } from 'react';
import type { Dashboard } from '../../../model';
import { dashboardsApi } from '../../api/saved';
import { testIds } from '../../testIds';
import { jsonFileName } from './fileName';

/** Saves `data` as a file through a temporary link, the way browsers download without a server URL. */
function downloadJson(data: unknown, fileName: string): void {
  const blob = new Blob([`${JSON.stringify(data, null, 2)}\n`], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // The click only starts the download; revoking at once can cancel it in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Downloads the dashboard as the server exports it (the versioned envelope import reads). */
export function ExportButton({ dashboard }: { dashboard: Dashboard }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const onClick = async () => {
    setBusy(true);
    setError(null);
    try {
      const file = await dashboardsApi.export(dashboard.id);
      downloadJson(file, jsonFileName(dashboard.title));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <button
      type="button"
      className="toolbar-button"
      data-testid={testIds.dashboardExport}
      disabled={busy}
      title={error ? `Export failed: ${error}` : 'Download this dashboard as JSON'}
      onClick={() => void onClick()}
    >
      {error ? 'Export failed' : 'Export'}
    </button>
  );
}
