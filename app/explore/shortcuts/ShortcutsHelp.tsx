import { useEffect, useRef } from 'react';
import { testIds } from '../../testIds';
import { SHORTCUTS } from './shortcuts';
import './shortcuts.css';

/** The list `?` opens: a modal dialog, closed by Esc or a click outside. */
export function ShortcutsHelp({ onClose }: { onClose(): void }) {
  const dialog = useRef<HTMLDivElement>(null);
  useEffect(() => dialog.current?.focus(), []);
  return (
    <div className="shortcuts-backdrop" onMouseDown={onClose}>
      <div
        ref={dialog}
        className="shortcuts-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="shortcuts-title"
        tabIndex={-1}
        data-testid={testIds.shortcutsHelp}
        onMouseDown={(e) => e.stopPropagation()}
      >
        <header className="panel-header">
          <span id="shortcuts-title">Keyboard shortcuts</span>
          <button type="button" className="ghost" aria-label="Close shortcuts" onClick={onClose}>
            ✕
          </button>
        </header>
        <table className="shortcuts-table">
          <tbody>
            {SHORTCUTS.map((s) => (
              <tr key={s.keys}>
                <th scope="row">
                  <kbd>{s.keys}</kbd>
                </th>
                <td>{s.what}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
