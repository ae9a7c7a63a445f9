import { LogsiftError } from '../../model';
import type { SearchField } from '../ir';
import type { EsFieldType, SearchDslOptions } from './types';

export interface ResolvedField {
  name: string;
  type: EsFieldType | undefined;
  /** The nested object this field lives in, from the `nested` types of its parents. */
  nestedPath: string | undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The longest parent path typed `nested`, as Kibana's field subtype tells it. */
function nestedPathOf(name: string, types: Record<string, EsFieldType>): string | undefined {
  const parts = name.split('.');
  for (let i = parts.length - 1; i > 0; i--) {
    const parent = parts.slice(0, i).join('.');
    if (types[parent] === 'nested') return parent;
  }
  return undefined;
}

/**
 * The fields a KQL field name stands for (Kibana's getFields): a wildcard name matches every known
 * field; a name matching none is sent through unchanged. Inside `path:{…}` names are relative.
 */
export function resolveFields(
  field: SearchField,
  options: SearchDslOptions,
  nestedPath: string | undefined,
): ResolvedField[] {
  const types = options.fields ?? {};
  const written = nestedPath ? `${nestedPath}.${field.name}` : field.name;
  const full = field.wildcard ? written : (options.fieldMap?.[written] ?? written);
  let names: string[];
  if (field.wildcard) {
    const pattern = new RegExp(`^${full.split('*').map(escapeRegExp).join('[\\s\\S]*')}$`);
    names = Object.keys(types).filter((name) => pattern.test(name));
  } else {
    names = full in types ? [full] : [];
  }
  if (names.length === 0) return [{ name: full, type: undefined, nestedPath: undefined }];
  const resolved = names.map((name) => ({
    name,
    type: types[name],
    nestedPath: nestedPathOf(name, types),
  }));
  // Kibana checks nesting only for concrete names or inside a nested group: wildcard names
  // outside one are wrapped in nested queries automatically instead.
  if (!field.wildcard || nestedPath) checkNesting(resolved, nestedPath, field);
  return resolved;
}

function checkNesting(fields: ResolvedField[], nestedPath: string | undefined, field: SearchField) {
  const errors = fields.flatMap(({ name, nestedPath: actual }) => {
    if (nestedPath && !actual) {
      return [
        `${name} is not a nested field but is in nested group "${nestedPath}" in the KQL expression.`,
      ];
    }
    if (actual && !nestedPath) {
      return [`${name} is a nested field, but is not in a nested group in the KQL expression.`];
    }
    if (actual !== nestedPath) {
      return [
        `Nested field ${name} is being queried with the incorrect nested path. The correct path is ${actual}.`,
      ];
    }
    return [];
  });
  if (errors.length > 0) throw new LogsiftError('bad_query', errors.join('\n'), field.pos);
}
