import { useQueries, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { Variable } from '../../../model';
import { datasourcesQuery } from '../../api/queries';
import { testIds } from '../../testIds';
import { withDefaultValues } from './defaultValues';
import { VariableEditor } from './VariableEditor';
import { VariablePicker } from './VariablePicker';
import {
  datasourceOptions,
  fieldValuesQuery,
  resolveDatasource,
  valueOptions,
  type VariableOption,
  type VariableRange,
} from './variableOptions';
import './VariablesBar.css';

interface Choices {
  options: VariableOption[] | undefined;
  loading: boolean;
  problem: string | undefined;
}

type Editing = { kind: 'none' } | { kind: 'new' } | { kind: 'edit'; index: number };

/**
 * The dashboard's variables above its panels: one picker each, filled from field values or
 * the datasource list; in editing mode also adds, edits and removes them.
 */
export function VariablesBar({
  variables,
  values,
  onValuesChange,
  onVariablesChange,
  editing,
  range,
}: {
  variables: Variable[];
  values: Record<string, string>;
  onValuesChange: (values: Record<string, string>) => void;
  onVariablesChange: (variables: Variable[]) => void;
  editing: boolean;
  range: VariableRange;
}) {
  const [editor, setEditor] = useState<Editing>({ kind: 'none' });
  const needsDatasources = variables.some((v) => v.kind === 'datasource');
  const datasources = useQuery({ ...datasourcesQuery(), enabled: needsDatasources });
  const fieldValues = useQueries({
    queries: variables.map((v) =>
      v.kind === 'field'
        ? fieldValuesQuery(resolveDatasource(v.datasource, values), v.field, range)
        : fieldValuesQuery(undefined, '', range),
    ),
  });

  const choices: Record<string, Choices> = {};
  variables.forEach((v, i) => {
    if (v.kind === 'datasource') {
      choices[v.name] = {
        options: datasources.data ? datasourceOptions(v, datasources.data) : undefined,
        loading: datasources.isPending,
        problem: datasources.error?.message,
      };
      return;
    }
    const answer = fieldValues[i];
    const datasource = resolveDatasource(v.datasource, values);
    choices[v.name] = {
      options: answer?.data ? valueOptions(answer.data) : undefined,
      loading: datasource !== undefined && answer?.isFetching === true,
      problem:
        datasource === undefined
          ? `${v.datasource} has no value yet`
          : answer?.error
            ? `Could not list values of ${v.field}: ${answer.error.message}`
            : undefined,
    };
  });

  const filled = withDefaultValues(
    variables,
    values,
    Object.fromEntries(Object.entries(choices).map(([name, c]) => [name, c.options])),
  );
  // A key that says which defaults are due keeps the effect from firing on every render.
  const filledKey = filled ? JSON.stringify(filled) : '';
  useEffect(() => {
    if (filled) onValuesChange(filled);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [filledKey]);

  const saveVariable = (variable: Variable) => {
    const next = [...variables];
    if (editor.kind === 'edit') next[editor.index] = variable;
    else next.push(variable);
    onVariablesChange(next);
    setEditor({ kind: 'none' });
  };

  if (variables.length === 0 && !editing) return null;
  const edited = editor.kind === 'edit' ? variables[editor.index] : undefined;
  return (
    <div className="variables-bar" data-testid={testIds.variablesBar}>
      {variables.map((v, i) => {
        const c = choices[v.name];
        return (
          <div key={v.name} className="variable-item">
            <VariablePicker
              name={v.name}
              label={v.label || `$${v.name}`}
              value={values[v.name]}
              options={c?.options ?? []}
              loading={c?.loading ?? false}
              problem={c?.problem}
              allowCustom={v.kind === 'field'}
              onChange={(value) => onValuesChange({ ...values, [v.name]: value })}
            />
            {editing && (
              <span className="variable-edit-actions">
                <button
                  type="button"
                  data-testid={testIds.variableEdit}
                  aria-label={`Edit $${v.name}`}
                  title="Edit"
                  onClick={() => setEditor({ kind: 'edit', index: i })}
                >
                  ✎
                </button>
                <button
                  type="button"
                  data-testid={testIds.variableRemove}
                  aria-label={`Remove $${v.name}`}
                  title="Remove"
                  onClick={() => onVariablesChange(variables.filter((_, j) => j !== i))}
                >
                  ×
                </button>
              </span>
            )}
          </div>
        );
      })}
      {editing && (
        <button
          type="button"
          className="variable-add"
          data-testid={testIds.variableAdd}
          onClick={() => setEditor({ kind: 'new' })}
        >
          + Variable
        </button>
      )}
      {editor.kind !== 'none' && (
        <VariableEditor
          variable={edited}
          others={variables.filter((o) => o !== edited)}
          values={values}
          range={range}
          onSave={saveVariable}
          onClose={() => setEditor({ kind: 'none' })}
        />
      )}
    </div>
  );
}
