import { autocompletion, completionKeymap, type CompletionSource } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { Compartment, EditorState, type Extension } from '@codemirror/state';
import { EditorView, keymap, placeholder } from '@codemirror/view';
import { useEffect, useLayoutEffect, useRef } from 'react';
import type { Language, Position } from '../../model';
import { testIds } from '../testIds';
import { errorMarkField, setErrorMark } from './errorMark';
import { queryLinter } from './lint/queryLinter';
import { LANGUAGE_LABELS, languageSupport, PLACEHOLDERS } from './queryLanguages';

interface QueryEditorProps {
  value: string;
  language: Language | undefined;
  errorPosition: Position | undefined;
  completions: CompletionSource;
  onChange(value: string): void;
  onRun(): void;
}

const theme = EditorView.theme(
  {
    '&': { backgroundColor: 'var(--editor-bg)', color: 'var(--text)', fontSize: '13px' },
    '.cm-content': { fontFamily: 'var(--mono)', caretColor: 'var(--text)', padding: '6px 0' },
    '&.cm-focused': { outline: '1px solid var(--accent)' },
    '.cm-placeholder': { color: 'var(--muted)' },
    // Completions, their documentation and lint messages in the page's panel colours.
    '.cm-tooltip': {
      backgroundColor: 'var(--panel)',
      border: '1px solid var(--border)',
      color: 'var(--text)',
    },
    '.cm-tooltip.cm-completionInfo': { fontSize: '12px', maxWidth: '380px', padding: '4px 8px' },
    '.cm-tooltip-autocomplete ul li[aria-selected]': {
      backgroundColor: 'var(--accent)',
      color: '#fff',
    },
    '.cm-completionDetail': { color: 'var(--muted)', fontStyle: 'normal', marginLeft: '8px' },
    '.cm-diagnostic': { fontSize: '12px', padding: '4px 8px' },
    '.cm-diagnostic-error': { borderLeftColor: 'var(--error)' },
  },
  { dark: true },
);

/**
 * What changes with the language: grammar and colours, the parser that underlines mistakes,
 * the example, the accessible name.
 */
function languageExtensions(language: Language | undefined): Extension {
  return [
    languageSupport(language),
    queryLinter(language),
    placeholder(language ? PLACEHOLDERS[language] : ''),
    EditorView.contentAttributes.of({
      'aria-label': `${language ? LANGUAGE_LABELS[language] : 'Log'} query`,
    }),
  ];
}

export function QueryEditor({
  value,
  language,
  errorPosition,
  completions,
  onChange,
  onRun,
}: QueryEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const languageSlot = useRef(new Compartment());
  const callbacks = useRef({ onChange, onRun, completions });
  useEffect(() => {
    callbacks.current = { onChange, onRun, completions };
  });

  useEffect(() => {
    if (!host.current) return undefined;
    const run = (): boolean => {
      callbacks.current.onRun();
      return true;
    };
    view.current = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: value,
        extensions: [
          keymap.of([
            { key: 'Mod-Enter', run },
            { key: 'Shift-Enter', run },
            ...completionKeymap,
            ...defaultKeymap,
            ...historyKeymap,
          ]),
          history(),
          autocompletion({
            override: [(context) => callbacks.current.completions(context)],
            activateOnTyping: true,
          }),
          languageSlot.current.of(languageExtensions(language)),
          errorMarkField,
          theme,
          EditorView.lineWrapping,
          EditorView.updateListener.of((update) => {
            if (update.docChanged) callbacks.current.onChange(update.state.doc.toString());
          }),
        ],
      }),
    });
    return () => view.current?.destroy();
    // The editor is created once; later `value`s and languages arrive through the effects below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // A layout effect runs before the browser handles the next keystroke: with a passive
  // effect, a render of an older `value` could overwrite what was typed since.
  useLayoutEffect(() => {
    const v = view.current;
    if (v && v.state.doc.toString() !== value) {
      v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value } });
    }
  }, [value]);

  useEffect(() => {
    view.current?.dispatch({
      effects: languageSlot.current.reconfigure(languageExtensions(language)),
    });
  }, [language]);

  useEffect(() => {
    view.current?.dispatch({ effects: setErrorMark.of(errorPosition) });
  }, [errorPosition]);

  return <div className="query-editor" data-testid={testIds.queryEditor} ref={host} />;
}
