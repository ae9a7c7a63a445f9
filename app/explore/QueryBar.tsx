import type { CompletionSource } from '@codemirror/autocomplete';
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
      </div>
      {error && (
        <div className="error-box" role="alert" data-testid={testIds.error}>
          <strong>{error.code.replace('_', ' ')}</strong> {error.message}
        </div>
      )}
    </div>
  );
}
