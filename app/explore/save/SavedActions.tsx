import { useEffect, useState } from 'react';
import type { SavedQuery } from '../../../model';
import { useExplore } from '../../state/storeContext';
import { testIds } from '../../testIds';
import { AddToDashboardDialog } from './AddToDashboardDialog';
import { SaveQueryDialog } from './SaveQueryDialog';
import { ShareLink } from './ShareLink';
import { useLoadedSavedQuery } from './useLoadedSavedQuery';
import './save.css';

/** How long the "Saved" note stays beside the button. */
const NOTE_MS = 4000;

/** Explore's buttons for keeping what it shows: Save, Share, Add to dashboard. */
export function SavedActions() {
  const language = useExplore((s) => s.language);
  const savedId = useExplore((s) => s.saved);
  const setSaved = useExplore((s) => s.setSaved);
  const { loaded, remember } = useLoadedSavedQuery(savedId);
  const [dialog, setDialog] = useState<'save' | 'dashboard'>();
  const [note, setNote] = useState<SavedQuery>();
  useEffect(() => {
    if (!note) return undefined;
    const timer = setTimeout(() => setNote(undefined), NOTE_MS);
    return () => clearTimeout(timer);
  }, [note]);

  const onSaved = (q: SavedQuery) => {
    remember(q);
    setSaved(q.id);
    setDialog(undefined);
    setNote(q);
  };
  return (
    <>
      {note && (
        <span className="saved-note" role="status" data-testid={testIds.savedNote}>
          Saved “{note.name}” · version {note.version}
        </span>
      )}
      <button
        type="button"
        className="toolbar-button"
        data-testid={testIds.saveQuery}
        disabled={!language}
        title={
          loaded ? `Save “${loaded.name}” or save as a new query` : 'Save this query for the team'
        }
        onClick={() => setDialog('save')}
      >
        Save
      </button>
      <ShareLink />
      <button
        type="button"
        className="toolbar-button"
        data-testid={testIds.addToDashboard}
        disabled={!language}
        title="Put this query on a dashboard as a panel"
        onClick={() => setDialog('dashboard')}
      >
        Add to dashboard
      </button>
      {dialog === 'save' && language && (
        <SaveQueryDialog
          loaded={loaded}
          language={language}
          onSaved={onSaved}
          onClose={() => setDialog(undefined)}
        />
      )}
      {dialog === 'dashboard' && language && (
        <AddToDashboardDialog language={language} onClose={() => setDialog(undefined)} />
      )}
    </>
  );
}
