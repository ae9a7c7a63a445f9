import { MAX_DESCRIPTION_CHARS, MAX_TITLE_CHARS } from '../../model';
import { testIds } from '../testIds';

export interface NameAndDescription {
  name: string;
  description: string;
}

/** The name and description a saved query is found by, in Explore's Save and the list's Edit. */
export function SavedQueryFields({
  value,
  onChange,
}: {
  value: NameAndDescription;
  onChange(value: NameAndDescription): void;
}) {
  return (
    <>
      <label className="form-field">
        <span>Name</span>
        <input
          autoFocus
          required
          maxLength={MAX_TITLE_CHARS}
          data-testid={testIds.saveQueryName}
          value={value.name}
          onChange={(e) => onChange({ ...value, name: e.target.value })}
        />
      </label>
      <label className="form-field">
        <span>
          Description <span className="muted">(optional)</span>
        </span>
        <textarea
          rows={3}
          maxLength={MAX_DESCRIPTION_CHARS}
          data-testid={testIds.saveQueryDescription}
          value={value.description}
          onChange={(e) => onChange({ ...value, description: e.target.value })}
        />
      </label>
    </>
  );
}
