import type { Language } from '../../model';
import { testIds } from '../testIds';
import { LANGUAGE_LABELS } from './queryLanguages';

interface LanguagePickerProps {
  languages: readonly Language[];
  value: Language | undefined;
  onChange(language: Language): void;
}

/**
 * The languages the datasource answers, as a segmented switch at the editor's edge (Kibana's
 * KQL/Lucene toggle); a datasource with one language shows it, so the editor's syntax is named.
 */
export function LanguagePicker({ languages, value, onChange }: LanguagePickerProps) {
  return (
    <div
      className="language-picker"
      role="radiogroup"
      aria-label="Query language"
      data-testid={testIds.languagePicker}
    >
      {languages.map((language) => (
        <button
          key={language}
          type="button"
          role="radio"
          aria-checked={language === value}
          disabled={languages.length === 1}
          onClick={() => onChange(language)}
        >
          {LANGUAGE_LABELS[language]}
        </button>
      ))}
    </div>
  );
}
