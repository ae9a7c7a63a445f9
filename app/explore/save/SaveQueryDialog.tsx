import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { Language, SavedQuery, SavedQueryBody } from '../../../model';
import { SavedQueryFields } from '../../saved/SavedQueryFields';
import { savedQueryFields } from '../../saved/savedQueryUrl';
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
  const body = (): SavedQueryBody => ({
    ...fields,
    name: fields.name.trim(),
    ...savedQueryFields({ ...pane, language }),
  });

  const save = async (base: SavedQuery | undefined) => {
    setBusy(true);
    setError(undefined);
    try {
      const outcome = await writeSavedQuery(body(), base);
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
    if (fields.name.trim()) void save(loaded);
  };
  const named = fields.name.trim() !== '';
  return (
    <Modal
      title={loaded ? `Save “${loaded.name}”` : 'Save query'}
      onClose={onClose}
      testId={testIds.saveQueryDialog}
    >
      <form className="form-stack" onSubmit={submit}>
        <SavedQueryFields value={fields} onChange={setFields} />
        <p className="muted small save-summary">
          Saves the datasources ({[pane.datasource, ...pane.also].join(', ')}), the language, the
          query and the time range ({describeRange(pane.from, pane.to)}).
        </p>
        <ModalError message={error} />
        <div className="modal-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          {loaded && (
            <button
              type="button"
              data-testid={testIds.saveQueryAsNew}
              disabled={busy || !named}
              onClick={() => void save(undefined)}
            >
              Save as new
            </button>
          )}
          <button
            type="submit"
            className="primary"
            data-testid={testIds.saveQuerySubmit}
            disabled={busy || !named}
          >
            Save
          </button>
        </div>
      </form>
    </Modal>
  );
}
