import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { Language, SavedQuery, SavedQueryBody, Sharing } from '../../../model';
import { SavedQueryFields } from '../../saved/SavedQueryFields';
import { savedQueryFields } from '../../saved/savedQueryUrl';
import { SharingField } from '../../saved/SharingField';
import { sharingProblem } from '../../saved/sharingText';
import { useSignIn } from '../../saved/useSignIn';
import { savedQueriesKey, writeSavedQuery } from '../../saved/writeSavedQuery';
import { useExplore } from '../../state/storeContext';
import { testIds } from '../../testIds';
import { ConflictDialog } from '../../ui/ConflictDialog';
import { Modal, ModalError } from '../../ui/Modal';
import { describeRange } from '../../ui/time';

/**
 * Saves the pane's editor as a saved query: a new one, or (opened from one) a new version of
 * it based on the version loaded, with the conflict choice when someone saved in between.
 */
export function SaveQueryDialog({
  loaded,
  language,
  onSaved,
  onClose,
}: {
  loaded: SavedQuery | undefined;
  language: Language;
  onSaved(q: SavedQuery): void;
  onClose(): void;
}) {
  const client = useQueryClient();
  const pane = useExplore((s) => s);
  const [fields, setFields] = useState({
    name: loaded?.name ?? '',
    description: loaded?.description ?? '',
  });
  const [conflict, setConflict] = useState<SavedQuery>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const signIn = useSignIn();
  // Someone else's query is only saved as a copy of one's own, which starts private.
  const mine = loaded?.access === 'owner';
  const viewOnly = loaded?.access === 'view';
  const [sharing, setSharing] = useState<Sharing>(
    mine && loaded ? loaded.sharing : { kind: 'private' },
  );
  const body = (): SavedQueryBody => ({
    ...fields,
    name: fields.name.trim(),
    ...savedQueryFields({ ...pane, language }),
  });

  const save = async (base: SavedQuery | undefined) => {
    setBusy(true);
    setError(undefined);
    try {
      // Sharing is sent only where it is the saver's to set: sign-in on, and theirs or new.
      const chosen = signIn.on && (!base || mine) ? sharing : undefined;
      const outcome = await writeSavedQuery(body(), base, chosen);
      if ('conflict' in outcome) {
        setConflict(outcome.conflict);
        return;
      }
      void client.invalidateQueries({ queryKey: savedQueriesKey });
      onSaved(outcome.saved);
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
          const [datasource = pane.datasource, ...also] = conflict.datasources;
          pane.openQuery({
            datasource,
            also,
            language: conflict.language,
            query: conflict.query,
            from: String(conflict.range.from),
            to: String(conflict.range.to),
          });
          onSaved(conflict);
        }}
        onOverwrite={() => {
          setConflict(undefined);
          void save(conflict);
        }}
        onSaveCopy={() => {
          setConflict(undefined);
          void save(undefined);
        }}
      />
    );
  }
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (fields.name.trim()) void save(viewOnly ? undefined : loaded);
  };
  const named = fields.name.trim() !== '';
  const blocked = busy || !named || (signIn.on && sharingProblem(sharing) !== undefined);
  return (
    <Modal
      title={
        viewOnly
          ? `Save a copy of “${loaded.name}”`
          : loaded
            ? `Save “${loaded.name}”`
            : 'Save query'
      }
      onClose={onClose}
      testId={testIds.saveQueryDialog}
    >
      <form className="form-stack" onSubmit={submit}>
        <SavedQueryFields value={fields} onChange={setFields} />
        {signIn.on && (!loaded || mine || viewOnly) && (
          <SharingField value={sharing} myGroups={signIn.me?.groups ?? []} onChange={setSharing} />
        )}
        {viewOnly && (
          <p className="muted small" data-testid={testIds.sharingReadOnly}>
            {loaded.owner} shared this query with you to view only: saving makes a copy of your own.
          </p>
        )}
        <p className="muted small save-summary">
          Saves the datasources ({[pane.datasource, ...pane.also].join(', ')}), the language, the
          query and the time range ({describeRange(pane.from, pane.to)}).
        </p>
        <ModalError message={error} />
        <div className="modal-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          {loaded && !viewOnly && (
            <button
              type="button"
              data-testid={testIds.saveQueryAsNew}
              disabled={blocked}
              onClick={() => void save(undefined)}
            >
              Save as new
            </button>
          )}
          <button
            type="submit"
            className="primary"
            data-testid={testIds.saveQuerySubmit}
            disabled={blocked}
          >
            {viewOnly ? 'Save a copy' : 'Save'}
          </button>
        </div>
      </form>
    </Modal>
  );
}
