import { useState } from 'react';
import type { Dashboard, Sharing } from '../../../model';
import { dashboardsApi, importProblems } from '../../api/saved';
import { SharingField } from '../../saved/SharingField';
import { sharingProblem } from '../../saved/sharingText';
import { useSignIn } from '../../saved/useSignIn';
import { Modal, ModalError } from '../../ui/Modal';

/** Asks for a title, creates an empty dashboard and hands it back to be opened. */
export function NewDashboardDialog({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (dashboard: Dashboard) => void;
}) {
  const [title, setTitle] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const signIn = useSignIn();
  const [sharing, setSharing] = useState<Sharing>({ kind: 'private' });
  const sharingBlocked = signIn.on && sharingProblem(sharing) !== undefined;
  const create = async () => {
    setBusy(true);
    setError(null);
    try {
      onCreated(
        await dashboardsApi.create({ title: title.trim() }, signIn.on ? sharing : undefined),
      );
    } catch (e) {
      setBusy(false);
      const problems = importProblems(e);
      setError(
        problems.length > 0
          ? problems.map((p) => p.message).join('; ')
          : e instanceof Error
            ? e.message
            : String(e),
      );
    }
  };
  return (
    <Modal title="New dashboard" onClose={onClose} testId="new-dashboard-dialog">
      <form
        className="dialog-form"
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <label>
          <span>Title</span>
          <input
            autoFocus
            value={title}
            maxLength={200}
            onChange={(e) => setTitle(e.target.value)}
          />
        </label>
        {signIn.on && (
          <SharingField value={sharing} myGroups={signIn.me?.groups ?? []} onChange={setSharing} />
        )}
        <ModalError message={error} />
        <div className="modal-actions">
          <button type="button" className="toolbar-button" onClick={onClose}>
            Cancel
          </button>
          <button
            type="submit"
            className="primary"
            disabled={busy || title.trim() === '' || sharingBlocked}
          >
            Create
          </button>
        </div>
      </form>
    </Modal>
  );
}
