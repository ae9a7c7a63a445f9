import type { CompletionSource } from '@codemirror/autocomplete';
import type { ApiErrorBody, Language } from '../../model';
import { testIds } from '../testIds';
import { LanguagePicker } from './LanguagePicker';
import { QueryEditor } from './QueryEditor';

interface QueryBarProps {
  languages: readonly Language[];
  language: Language | undefined;
  query: string;
  error: ApiErrorBody | undefined;
  completions: CompletionSource;
  onLanguage(language: Language): void;
  onChange(query: string): void;
  onRun(): void;
}

/** The query as one bar: its language, the editor, and the last run's error under them. */
export function QueryBar({
  languages,
  language,
  query,
  error,
  completions,
  onLanguage,
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
      </div>
      {error && (
        <div className="error-box" role="alert" data-testid={testIds.error}>
          <strong>{error.code.replace('_', ' ')}</strong> {error.message}
        </div>
      )}
    </div>
  );
}
