import type { CompletionSource } from '@codemirror/autocomplete';
import type { ReactNode } from 'react';
import type { ApiErrorBody, Language } from '../../model';
import { testIds } from '../testIds';
import { LanguagePicker } from './LanguagePicker';
import { QueryEditor } from './QueryEditor';
import { TranslateMenu } from './TranslateMenu';

interface QueryBarProps {
  languages: readonly Language[];
  language: Language | undefined;
  query: string;
  error: ApiErrorBody | undefined;
  completions: CompletionSource;
  /** Languages to offer translations into. */
  otherLanguages: readonly Language[];
  onLanguage(language: Language): void;
  /** A translation taken: its text in its language. */
  onUse(language: Language, query: string): void;
  onChange(query: string): void;
  onRun(): void;
  /** What can be done with the query beside it: save, share, put on a dashboard. */
  actions?: ReactNode;
}

/** The query as one bar: its language, the editor, translations, and the last run's error. */
export function QueryBar({
  languages,
  language,
  query,
  error,
  completions,
  otherLanguages,
  onLanguage,
  onUse,
  onChange,
  onRun,
  actions,
}: QueryBarProps) {
  return (
    <div className="editor-row">
      <div className="query-bar">
        <LanguagePicker languages={languages} value={language} onChange={onLanguage} />
        <QueryEditor
          value={query}
          language={language}
          errorPosition={error?.position}
          completions={completions}
          onChange={onChange}
          onRun={onRun}
        />
        <TranslateMenu language={language} query={query} targets={otherLanguages} onUse={onUse} />
        {actions && <div className="query-actions">{actions}</div>}
      </div>
      {error && (
        <div className="error-box" role="alert" data-testid={testIds.error}>
          <strong>{error.code.replace('_', ' ')}</strong> {error.message}
        </div>
      )}
    </div>
  );
}
