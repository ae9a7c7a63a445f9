/** The page's keys, listed by `?` in the order a newcomer needs them. */
export const SHORTCUTS: readonly { keys: string; what: string }[] = [
  { keys: 'Ctrl/⌘ + Enter', what: 'Run the query' },
  { keys: '/', what: 'Focus the query editor' },
  { keys: 'Ctrl + Space', what: 'Show completions in the editor' },
  { keys: 'Esc', what: 'Close the open panel, the details, or leave the editor' },
  { keys: '↑ ↓  PageUp PageDown  Home End', what: 'Move through log lines (list focused)' },
  { keys: 'Enter', what: 'Open the details of the active line' },
  { keys: '?', what: 'Show this list' },
];

export type ShortcutAction = 'run' | 'focus-editor' | 'escape' | 'help';

/** Whether a key press belongs to a field the user types in, where plain keys are text. */
function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target.closest('[contenteditable]:not([contenteditable="false"])') !== null ||
    target.tagName === 'INPUT' ||
    target.tagName === 'TEXTAREA' ||
    target.tagName === 'SELECT'
  );
}

/** What a key press asks the page to do, or nothing when it is not ours. */
export function shortcutFor(
  e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'target'>,
): ShortcutAction | undefined {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) return 'run';
  if (e.key === 'Escape') return 'escape';
  if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return undefined;
  if (e.key === '/') return 'focus-editor';
  if (e.key === '?') return 'help';
  return undefined;
}
