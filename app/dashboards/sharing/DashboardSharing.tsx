import { useState } from 'react';
import type { Dashboard, Sharing } from '../../../model';
import { conflictCurrent, dashboardsApi } from '../../api/saved';
import { SharingField } from '../../saved/SharingField';
import { describeSharing, sharingProblem } from '../../saved/sharingText';
import { useSignIn } from '../../saved/useSignIn';
import { testIds } from '../../testIds';
import { Modal, ModalError } from '../../ui/Modal';
import { bodyOf } from '../useDashboardDraft';

/**
 * The dashboard's "Sharing" button and dialog for its owner, or a "View only" mark for those
 * it is shared with read-only; nothing while sign-in is off (everything is everyone's then).
 */
export function DashboardSharing({
  saved,
  dirty,
  onChanged,
}: {
  /** The dashboard as stored: a sharing change saves it as a new version. */
  saved: Dashboard;
  dirty: boolean;
  onChanged(d: Dashboard): void;
}) {
  const signIn = useSignIn();
  const [open, setOpen] = useState(false);
  if (!signIn.on) return null;
  if (saved.access === 'view') {
    return (
      <span
        className="sharing-readonly"
        data-testid={testIds.sharingReadOnly}
        title={`${saved.owner} shared this dashboard with you to view only`}
      >
        View only
      </span>
    );
  }
  if (saved.access !== 'owner') return null;
  return (
    <>
      <button
        type="button"
        className="toolbar-button"
        data-testid={testIds.sharingOpen}
        // A sharing change is a new version: unsaved edits would meet it as a conflict.
        disabled={dirty}
        title={dirty ? 'Save or discard your changes first' : describeSharing(saved.sharing)}
        onClick={() => setOpen(true)}
      >
        Sharing
      </button>
      {open && (
        <SharingDialog
          saved={saved}
          myGroups={signIn.me?.groups ?? []}
          onClose={() => setOpen(false)}
          onChanged={(d) => {
            setOpen(false);
            onChanged(d);
          }}
        />
      )}
    </>
  );
}

function SharingDialog({
  saved,
  myGroups,
  onClose,
  onChanged,
}: {
  saved: Dashboard;
  myGroups: readonly string[];
  onClose(): void;
  onChanged(d: Dashboard): void;
}) {
  const [sharing, setSharing] = useState<Sharing>(saved.sharing);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const save = async () => {
    setBusy(true);
    setError(undefined);
    try {
      onChanged(await dashboardsApi.update(saved.id, saved.version, bodyOf(saved), sharing));
    } catch (e) {
      setBusy(false);
      setError(
        conflictCurrent(e)
          ? 'Someone saved this dashboard meanwhile: reload it, then change the sharing.'
          : e instanceof Error
            ? e.message
            : String(e),
      );
    }
  };
  return (
    <Modal title={`Share “${saved.title}”`} onClose={onClose}>
      <form
        className="form-stack"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <SharingField value={sharing} myGroups={myGroups} onChange={setSharing} />
        <ModalError message={error} />
        <div className="modal-actions">
          <button type="button" className="toolbar-button" onClick={onClose}>
            Cancel
          </button>
          <button
            type="submit"
            className="primary"
            disabled={busy || sharingProblem(sharing) !== undefined}
          >
            Save sharing
          </button>
        </div>
      </form>
    </Modal>
  );
}
