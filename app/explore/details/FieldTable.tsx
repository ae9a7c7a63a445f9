import { testIds } from '../../testIds';
import { CopyButton } from './CopyButton';
import { ColumnIcon, CopyIcon } from './icons';
import { shownPart } from './lineText';

export interface FieldActions {
  onFilter(field: string, value: string, exclude: boolean): void;
  /** Fields shown as columns in the list. */
  columns: readonly string[];
  onToggleColumn(field: string): void;
}

/** Labels or fields, each with filter for, filter out, show as column and copy. */
export function FieldTable({
  title,
  values,
  actions,
}: {
  title: string;
  values: Record<string, string>;
  actions: FieldActions;
}) {
  const names = Object.keys(values).sort();
  if (names.length === 0) return null;
  return (
    <table className="field-table">
      <caption>{title}</caption>
      <tbody>
        {names.map((name) => {
          const value = values[name] ?? '';
          const shown = actions.columns.includes(name);
          const { text, hidden } = shownPart(value, false);
          return (
            <tr key={name} data-testid={testIds.detailsField} data-field={name}>
              <td className="field-actions">
                <button
                  type="button"
                  title={`Filter for ${name}`}
                  aria-label={`Filter for ${name} = value`}
                  onClick={() => actions.onFilter(name, value, false)}
                >
                  +
                </button>
                <button
                  type="button"
                  title={`Filter out ${name}`}
                  aria-label={`Filter out ${name} = value`}
                  onClick={() => actions.onFilter(name, value, true)}
                >
                  −
                </button>
                <button
                  type="button"
                  className={shown ? 'on' : undefined}
                  title={shown ? `Hide the ${name} column` : `Show ${name} as a column`}
                  aria-label={`Show ${name} as a column`}
                  aria-pressed={shown}
                  onClick={() => actions.onToggleColumn(name)}
                >
                  <ColumnIcon />
                </button>
                <CopyButton
                  text={() => value}
                  label={<CopyIcon />}
                  copiedLabel="✓"
                  title={`Copy the value of ${name}`}
                />
              </td>
              <th scope="row">{name}</th>
              <td className="field-value">
                {text}
                {hidden > 0 && `… (${hidden.toLocaleString()} more characters; copy to read all)`}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
