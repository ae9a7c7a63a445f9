// @vitest-environment jsdom
import { diagnosticCount, forceLinting } from '@codemirror/lint';
import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LINT_DELAY_MS, queryLinter } from './queryLinter';

let view: EditorView | undefined;
afterEach(() => {
  view?.destroy();
  view = undefined;
  vi.useRealTimers();
});

async function settle(): Promise<void> {
  await vi.advanceTimersByTimeAsync(LINT_DELAY_MS * 3);
}

describe('queryLinter', () => {
  it('leaves the query the editor opened with to the server, and underlines once edited', async () => {
    vi.useFakeTimers();
    view = new EditorView({
      state: EditorState.create({
        doc: '{job="nginx"} |= "x" | jsn',
        extensions: queryLinter('logql'),
      }),
      parent: document.body,
    });
    forceLinting(view);
    await settle();
    expect(diagnosticCount(view.state)).toBe(0);

    view.dispatch({ changes: { from: view.state.doc.length, insert: 'x' } });
    forceLinting(view);
    await settle();
    expect(diagnosticCount(view.state)).toBe(1);
  });
});
