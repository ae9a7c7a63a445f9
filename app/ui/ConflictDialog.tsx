import type { StoredMeta } from '../../model';
import { formatSavedAt } from './savedAt';
import { Modal } from './Modal';

/**
 * A save refused because someone else saved first (409): never a silent overwrite. The user
 * chooses to take theirs, to overwrite it knowingly, or (where offered) to keep both.
 */
export function ConflictDialog({
  what,
  current,
  onReload,
  onOverwrite,
  onSaveCopy,
  onCancel,
}: {
  /** "dashboard", "saved query": named in the message. */
  what: string;
  current: StoredMeta;
  onReload: () => void;
  onOverwrite: () => void;
  onSaveCopy?: () => void;
  onCancel: () => void;
}) {
  return (
    <Modal title={`This ${what} changed`} onClose={onCancel} testId="conflict-dialog">
      <p>
        Someone saved version {current.version} of this {what} at {formatSavedAt(current.updatedAt)}{' '}
        while you were editing. Your changes are not saved yet.
      </p>
      <div className="modal-actions">
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="button" data-testid="conflict-reload" onClick={onReload}>
          Discard mine, load theirs
        </button>
        {onSaveCopy && (
          <button type="button" data-testid="conflict-copy" onClick={onSaveCopy}>
            Save mine as a copy
          </button>
        )}
        <button
          type="button"
          className="danger"
          data-testid="conflict-overwrite"
          onClick={onOverwrite}
        >
          Overwrite with mine
        </button>
      </div>
    </Modal>
  );
}
