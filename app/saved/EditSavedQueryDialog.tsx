import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { SavedQuery, Sharing } from '../../model';
import { testIds } from '../testIds';
import { ConflictDialog } from '../ui/ConflictDialog';
import { Modal, ModalError } from '../ui/Modal';
import { SavedQueryFields } from './SavedQueryFields';
import { SharingField } from './SharingField';
import { sharingProblem } from './sharingText';
import { useSignIn } from './useSignIn';
import { bodyOf, savedQueriesKey, writeSavedQuery } from './writeSavedQuery';

/**
 * Renames a saved query or changes its description, and (its owner, with sign-in on) who it
 * is shared with; its query stays as it was saved.
 */
export function EditSavedQueryDialog({ query, onClose }: { query: SavedQuery; onClose(): void }) {
  const client = useQueryClient();
  const [fields, setFields] = useState({ name: query.name, description: query.description });
  const [conflict, setConflict] = useState<SavedQuery>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const signIn = useSignIn();
  const sharesIt = signIn.on && query.access === 'owner';
  const [sharing, setSharing] = useState<Sharing>(query.sharing);

  const save = async (base: SavedQuery | undefined, on: SavedQuery) => {
    setBusy(true);
    setError(undefined);
    try {
      const outcome = await writeSavedQuery(
        { ...bodyOf(on), ...fields },
        base,
        sharesIt || !base ? sharing : undefined,
      );
      if ('conflict' in outcome) {
        setConflict(outcome.conflict);
        return;
      }
      await client.invalidateQueries({ queryKey: savedQueriesKey });
      onClose();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  if (conflict) {
    return (
      <ConflictDialog
        what="saved query"
        current={conflict}
        onCancel={() => setConflict(undefined)}
        onReload={() => {
          void client.invalidateQueries({ queryKey: savedQueriesKey });
          onClose();
        }}
        onOverwrite={() => {
          setConflict(undefined);
          // Theirs with my name and description: the query text is not what this dialog edits.
          void save(conflict, conflict);
        }}
        onSaveCopy={() => {
          setConflict(undefined);
          void save(undefined, query);
        }}
      />
    );
  }
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (fields.name.trim()) void save(query, query);
  };
  return (
    <Modal title="Edit saved query" onClose={onClose} testId={testIds.saveQueryDialog}>
      <form className="form-stack" onSubmit={submit}>
        <SavedQueryFields value={fields} onChange={setFields} />
        {sharesIt && (
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
            data-testid={testIds.saveQuerySubmit}
            disabled={busy || !fields.name.trim() || (sharesIt && !!sharingProblem(sharing))}
          >
            Save
          </button>
        </div>
      </form>
    </Modal>
  );
}
