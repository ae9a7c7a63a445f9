import { useQueries } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { Language } from '../../model';
import { translateQuery } from '../api/queries';
import { testIds } from '../testIds';
import { LANGUAGE_LABELS } from './queryLanguages';

interface TranslateMenuProps {
  language: Language | undefined;
  query: string;
  /** Languages some datasource speaks, the current one aside. */
  targets: readonly Language[];
  onUse(language: Language, query: string): void;
}

/** The query as the server writes it in each other language, or why it cannot. */
export function TranslateMenu({ language, query, targets, onUse }: TranslateMenuProps) {
  const [open, setOpen] = useState(false);
  const answers = useQueries({
    queries: targets.map((to) => ({
      ...translateQuery({ language: language ?? 'logql', query, to }),
      enabled: open && !!language,
    })),
  });

  useEffect(() => {
    if (!open) return undefined;
    // Escape that closed something else first (the editor's completion list) is not ours.
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented) setOpen(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);

  return (
    <div className="translate">
      <button
        type="button"
        className={open ? 'translate-toggle active' : 'translate-toggle'}
        data-testid={testIds.translate}
        aria-expanded={open}
        disabled={targets.length === 0 || !language}
        title="This query in the other languages"
        onClick={() => setOpen(!open)}
      >
        Translate
      </button>
      {open && (
        <ul className="translate-popover" aria-label="Translations">
          {targets.map((to, i) => {
            const answer = answers[i];
            return (
              <li key={to} data-testid={testIds.translation} data-language={to}>
                <span className="translate-language">{LANGUAGE_LABELS[to]}</span>
                {answer?.data ? (
                  <>
                    <code className="translate-text">{answer.data.query || '(everything)'}</code>
                    <button
                      type="button"
                      className="toolbar-button compact"
                      onClick={() => {
                        setOpen(false);
                        onUse(to, answer.data.query);
                      }}
                    >
                      Use
                    </button>
                  </>
                ) : (
                  <span className="muted translate-text">
                    {answer?.error ? answer.error.message : 'Translating…'}
                  </span>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
