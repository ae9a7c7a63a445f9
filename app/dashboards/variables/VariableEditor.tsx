import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { Variable } from '../../../model';
import { datasourcesQuery } from '../../api/queries';
import { testIds } from '../../testIds';
import { Modal } from '../../ui/Modal';
import { DATASOURCE_KINDS, checkDraft, draftOf, type VariableDraft } from './variableDraft';
import { fieldNamesQuery, resolveDatasource, type VariableRange } from './variableOptions';

/** Adds or edits one variable; the model's schema decides, and its message is shown. */
export function VariableEditor({
  variable,
  others,
  values,
  range,
  onSave,
  onClose,
}: {
  /** Undefined for a new variable. */
  variable: Variable | undefined;
  /** The dashboard's other variables: their names are taken, their datasource ones are choices. */
  others: Variable[];
  values: Record<string, string>;
  range: VariableRange;
  onSave: (variable: Variable) => void;
  onClose: () => void;
}) {
  const [draft, setDraft] = useState<VariableDraft>(() => draftOf(variable));
  const [problems, setProblems] = useState<string[]>([]);
  const fieldsListId = useId();
  const datasources = useQuery(datasourcesQuery());
  const fieldNames = useQuery(
    fieldNamesQuery(
      draft.kind === 'field' && draft.datasource
        ? resolveDatasource(draft.datasource, values)
        : undefined,
      range,
    ),
  );
  const datasourceVariables = others.filter((o) => o.kind === 'datasource');
  const set = (patch: Partial<VariableDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setProblems([]);
  };
  const save = () => {
    const checked = checkDraft(draft, variable, others);
    if (checked.ok) onSave(checked.variable);
    else setProblems(checked.problems);
  };

  return (
    <Modal
      title={variable ? `Variable $${variable.name}` : 'New variable'}
      onClose={onClose}
      testId={testIds.variableEditor}
    >
      <form
        className="variable-form"
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <label>
          <span>Name</span>
          <input
            name="name"
            value={draft.name}
            placeholder="namespace"
            onChange={(e) => set({ name: e.target.value })}
          />
        </label>
        <label>
          <span>Label</span>
          <input
            name="label"
            value={draft.label}
            placeholder="shown instead of $name"
            onChange={(e) => set({ label: e.target.value })}
          />
        </label>
        <label>
          <span>Kind</span>
          <select
            name="kind"
            value={draft.kind}
            onChange={(e) => set({ kind: e.target.value as Variable['kind'] })}
          >
            <option value="field">Field values</option>
            <option value="datasource">Datasource</option>
          </select>
        </label>
        {draft.kind === 'field' ? (
          <>
            <label>
              <span>Datasource</span>
              <select
                name="datasource"
                value={draft.datasource}
                onChange={(e) => set({ datasource: e.target.value })}
              >
                <option value="">Choose…</option>
                {datasourceVariables.map((o) => (
                  <option key={o.name} value={`$${o.name}`}>
                    ${o.name}
                  </option>
                ))}
                {datasources.data?.map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              <span>Field</span>
              <input
                name="field"
                value={draft.field}
                list={fieldsListId}
                placeholder="namespace"
                onChange={(e) => set({ field: e.target.value })}
              />
              <datalist id={fieldsListId}>
                {fieldNames.data?.map((f) => (
                  <option key={f} value={f} />
                ))}
              </datalist>
            </label>
          </>
        ) : (
          <label>
            <span>Only datasources of kind</span>
            <select
              name="datasourceKind"
              value={draft.datasourceKind}
              onChange={(e) => set({ datasourceKind: e.target.value })}
            >
              <option value="">Any</option>
              {DATASOURCE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {k}
                </option>
              ))}
            </select>
          </label>
        )}
        {problems.length > 0 && (
          <ul className="variable-form-problems" role="alert">
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        )}
        <div className="modal-actions">
          <button type="button" className="toolbar-button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary">
            {variable ? 'Apply' : 'Add'}
          </button>
        </div>
      </form>
    </Modal>
  );
}
