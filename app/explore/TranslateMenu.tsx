import { useQueries } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { Language, Position } from '../../model';
import { ApiRequestError } from '../api/client';
import { translateQuery } from '../api/queries';
import { testIds } from '../testIds';
import { LANGUAGE_LABELS } from './queryLanguages';
import './TranslateMenu.css';

/** The languages every query is shown in; Lucene joins them when a datasource speaks it. */
const SHOWN: readonly Language[] = ['logql', 'kql', 'insights'];

interface TranslateMenuProps {
  language: Language | undefined;
  query: string;
  /** Languages some datasource speaks, the current one aside: the ones "Use" can switch to. */
  targets: readonly Language[];
  onUse(language: Language, query: string): void;
}

/** The source query with the part that has no equivalent marked. */
function MarkedSource({ query, position }: { query: string; position: Position }) {
  const from = Math.max(0, Math.min(position.from, query.length));
  const to = Math.max(from, Math.min(position.to, query.length));
  return (
    <code className="translate-source">
      {query.slice(0, from)}
      <mark data-testid={testIds.translationMark}>{query.slice(from, to) || ' '}</mark>
      {query.slice(to)}
    </code>
  );
}

function CopyButton({ text }: { text: string }) {
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return undefined;
    const timer = setTimeout(() => setCopied(false), 1500);
    return () => clearTimeout(timer);
  }, [copied]);
  return (
    <button
      type="button"
      className="toolbar-button compact"
      onClick={() => {
        void navigator.clipboard?.writeText(text).then(() => setCopied(true));
      }}
    >
      {copied ? 'Copied' : 'Copy'}
    </button>
  );
}

/**
 * The query in LogQL, KQL and Logs Insights at once, as the server writes it, each to copy or
 * to switch the editor to; where a language has no equivalent, the server's reason and the
 * part of the query it is about.
 */
export function TranslateMenu({ language, query, targets, onUse }: TranslateMenuProps) {
  const [open, setOpen] = useState(false);
  const shown = [...new Set([...SHOWN, ...targets])];
  const answers = useQueries({
    queries: shown.map((to) => ({
      ...translateQuery({ language: language ?? 'logql', query, to }),
      enabled: open && !!language && to !== language,
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
        disabled={!language}
        title="This query in LogQL, KQL and Logs Insights"
        onClick={() => setOpen(!open)}
      >
        Translate
      </button>
      {open && language && (
        <ul className="translate-panel" aria-label="Translations">
          {shown.map((to, i) => {
            const current = to === language;
            const answer = answers[i];
            const text = current ? query : answer?.data?.query;
            const error = answer?.error;
            const refusal = error instanceof ApiRequestError ? error.body : undefined;
            return (
              <li
                key={to}
                className={current ? 'translate-row current' : 'translate-row'}
                data-testid={testIds.translation}
                data-language={to}
              >
                <span className="translate-language">
                  {LANGUAGE_LABELS[to]}
                  {current && <span className="muted translate-note">current</span>}
                </span>
                {text !== undefined ? (
                  <>
                    <code className="translate-text">{text || '(everything)'}</code>
                    <span className="translate-actions">
                      <CopyButton text={text} />
                      {!current && (
                        <button
                          type="button"
                          className="toolbar-button compact"
                          disabled={!targets.includes(to)}
                          title={
                            targets.includes(to)
                              ? undefined
                              : `No datasource here speaks ${LANGUAGE_LABELS[to]}`
                          }
                          onClick={() => {
                            setOpen(false);
                            onUse(to, text);
                          }}
                        >
                          Use
                        </button>
                      )}
                    </span>
                  </>
                ) : (
                  <span className="translate-refusal">
                    <span className={error ? 'translate-error' : 'muted'}>
                      {error
                        ? `No ${LANGUAGE_LABELS[to]} equivalent: ${error.message}`
                        : 'Translating…'}
                    </span>
                    {refusal?.position && (
                      <MarkedSource query={query} position={refusal.position} />
                    )}
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
