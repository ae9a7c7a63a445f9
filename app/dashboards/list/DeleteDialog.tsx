import { useState } from 'react';
import type { DashboardSummary } from '../../../model';
import { ApiRequestError } from '../../api/client';
import { dashboardsApi } from '../../api/saved';
import { Modal, ModalError } from '../../ui/Modal';

/**
 * Deletes the version the list showed: if someone saved it since, the server answers 409 and
 * the user sees that instead of losing their work unseen.
 */
export function DeleteDialog({
  dashboard,
  onClose,
  onDeleted,
}: {
  dashboard: DashboardSummary;
  onClose: () => void;
  onDeleted: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const remove = async () => {
    setBusy(true);
    try {
      await dashboardsApi.remove(dashboard.id, dashboard.version);
      onDeleted();
    } catch (e) {
      setBusy(false);
      setError(
        e instanceof ApiRequestError && e.status === 409
          ? 'Someone saved this dashboard since the list was loaded. Close, look at it again, then delete.'
          : e instanceof Error
            ? e.message
            : String(e),
      );
    }
  };
  return (
    <Modal title="Delete dashboard" onClose={onClose} testId="delete-dialog">
      <p>
        Delete <strong>{dashboard.title}</strong>? Its version history goes with it.
      </p>
      <ModalError message={error} />
      <div className="modal-actions">
        <button type="button" className="toolbar-button" onClick={onClose}>
          Cancel
        </button>
        <button
          type="button"
          className="danger"
          disabled={busy || error !== null}
          onClick={() => void remove()}
        >
          Delete
        </button>
      </div>
    </Modal>
  );
}
