import { DatasourceKindSchema, VariableSchema, type Variable } from '../../../model';

/** What the variable editor's boxes hold; every kind's boxes, so switching kind loses nothing. */
export interface VariableDraft {
  name: string;
  label: string;
  kind: Variable['kind'];
  datasource: string;
  field: string;
  datasourceKind: string;
}

export const draftOf = (v: Variable | undefined): VariableDraft => ({
  name: v?.name ?? '',
  label: v?.label ?? '',
  kind: v?.kind ?? 'field',
  datasource: v?.kind === 'field' ? v.datasource : '',
  field: v?.kind === 'field' ? v.field : '',
  datasourceKind: v?.kind === 'datasource' ? (v.datasourceKind ?? '') : '',
});

export type DraftCheck = { ok: true; variable: Variable } | { ok: false; problems: string[] };

/**
 * The draft as a variable, checked by the model's own schema (the one a save is checked with),
 * plus what only the whole list knows: a name another variable already has.
 */
export function checkDraft(
  draft: VariableDraft,
  original: Variable | undefined,
  others: Variable[],
): DraftCheck {
  const label = draft.label.trim() ? { label: draft.label.trim() } : {};
  // The saved value stays only while it still means the same thing.
  const keep = original?.kind === draft.kind && original.current !== undefined;
  const candidate =
    draft.kind === 'field'
      ? {
          kind: 'field',
          name: draft.name.trim(),
          ...label,
          datasource: draft.datasource,
          field: draft.field.trim(),
          ...(keep && original.kind === 'field' && original.field === draft.field.trim()
            ? { current: original.current }
            : {}),
        }
      : {
          kind: 'datasource',
          name: draft.name.trim(),
          ...label,
          ...(draft.datasourceKind ? { datasourceKind: draft.datasourceKind } : {}),
          ...(keep ? { current: original.current } : {}),
        };
  const parsed = VariableSchema.safeParse(candidate);
  // An empty box gets a plain request; zod's own words for it are about string lengths.
  const empty: Record<string, string> =
    draft.kind === 'field'
      ? {
          ...(draft.datasource ? {} : { datasource: 'choose a datasource or a $variable' }),
          ...(draft.field.trim() ? {} : { field: 'name the field whose values are offered' }),
        }
      : {};
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((i) => {
        const path = i.path.join('.');
        return `${path ? `${path}: ` : ''}${empty[path] ?? i.message}`;
      });
  if (others.some((o) => o.name === draft.name.trim())) {
    problems.push(`name: another variable is already called "${draft.name.trim()}"`);
  }
  if (problems.length > 0 || !parsed.success) return { ok: false, problems };
  return { ok: true, variable: parsed.data };
}

export const DATASOURCE_KINDS = DatasourceKindSchema.options;
