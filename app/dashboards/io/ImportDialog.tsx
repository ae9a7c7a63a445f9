import { useState } from 'react';
import type { Dashboard, Problem } from '../../../model';
import { dashboardsApi, importProblems } from '../../api/saved';
import { testIds } from '../../testIds';
import { Modal } from '../../ui/Modal';
import './ImportDialog.css';

/** A picked file's text; FileReader rather than Blob.text() so older engines read it too. */
function readText(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error(`could not read ${file.name}`));
    reader.readAsText(file);
  });
}

/**
 * Larger files are not read into the text box: a browser stalls on a textarea of tens of
 * megabytes, and an export of a full dashboard is well under one.
 */
const MAX_FILE_BYTES = 10 * 1024 * 1024;

type Outcome =
  { kind: 'idle' } | { kind: 'busy' } | { kind: 'refused'; message: string; problems: Problem[] };

/**
 * Imports an exported dashboard from a file or pasted JSON. The server checks it and lists
 * every problem at once; they are shown with where they are, as text.
 */
export function ImportDialog({
  onClose,
  onImported,
}: {
  onClose: () => void;
  onImported: (dashboard: Dashboard) => void;
}) {
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' });

  const readFile = async (file: File | undefined) => {
    if (!file) return;
    setFileName(file.name);
    if (file.size > MAX_FILE_BYTES) {
      setText('');
      setOutcome({
        kind: 'refused',
        message: `${file.name} is ${(file.size / 1024 / 1024).toFixed(1)} MB; a dashboard file is at most ${MAX_FILE_BYTES / 1024 / 1024} MB`,
        problems: [],
      });
      return;
    }
    setOutcome({ kind: 'idle' });
    try {
      setText(await readText(file));
    } catch (e) {
      setOutcome({
        kind: 'refused',
        message: e instanceof Error ? e.message : String(e),
        problems: [],
      });
    }
  };

  const submit = async () => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      setOutcome({
        kind: 'refused',
        message: `This is not JSON: ${e instanceof Error ? e.message : String(e)}`,
        problems: [],
      });
      return;
    }
    setOutcome({ kind: 'busy' });
    try {
      onImported(await dashboardsApi.import(parsed));
    } catch (e) {
      setOutcome({
        kind: 'refused',
        message: e instanceof Error ? e.message : String(e),
        problems: importProblems(e),
      });
    }
  };

  return (
    <Modal title="Import dashboard" onClose={onClose} testId={testIds.importDialog}>
      <label className="import-file">
        <span>Upload a dashboard JSON file</span>
        <input
          type="file"
          accept=".json,application/json"
          onChange={(e) => void readFile(e.target.files?.[0])}
        />
      </label>
      <label className="import-text">
        <span>{fileName ? `Contents of ${fileName}` : 'Or paste its JSON'}</span>
        <textarea
          value={text}
          spellCheck={false}
          rows={10}
          placeholder='{ "schema": "logsift.dashboard", "schemaVersion": 1, "dashboard": { … } }'
          onChange={(e) => {
            setText(e.target.value);
            setOutcome({ kind: 'idle' });
          }}
        />
      </label>
      {outcome.kind === 'refused' && (
        <div className="import-refused" role="alert">
          <p>
            {outcome.problems.length > 0
              ? `Not imported: ${outcome.problems.length} problem${outcome.problems.length === 1 ? '' : 's'}`
              : `Not imported: ${outcome.message}`}
          </p>
          {outcome.problems.length > 0 && (
            <ul>
              {outcome.problems.map((p, i) => (
                <li key={i} data-testid={testIds.importProblem}>
                  <code>{p.path || '(whole file)'}</code> {p.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <div className="modal-actions">
        <button type="button" className="toolbar-button" onClick={onClose}>
          Cancel
        </button>
        <button
          type="button"
          className="primary"
          disabled={text.trim() === '' || outcome.kind === 'busy'}
          onClick={() => void submit()}
        >
          {outcome.kind === 'busy' ? 'Importing…' : 'Import'}
        </button>
      </div>
    </Modal>
  );
}
