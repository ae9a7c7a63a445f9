import type { Variable } from '../../../model';
import type { VariableOption } from './variableOptions';

/**
 * Values for the variables that have none: the saved `current`, else the first option once
 * the options are known. Answers undefined when nothing changes, so a caller can report only
 * real changes and never loop.
 */
export function withDefaultValues(
  variables: Variable[],
  values: Record<string, string>,
  options: Record<string, VariableOption[] | undefined>,
): Record<string, string> | undefined {
  let next: Record<string, string> | undefined;
  for (const v of variables) {
    if (values[v.name] !== undefined) continue;
    const value = v.current ?? options[v.name]?.[0]?.value;
    if (value === undefined) continue;
    next ??= { ...values };
    next[v.name] = value;
  }
  return next;
}
