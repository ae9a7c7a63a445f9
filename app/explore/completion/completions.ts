import type {
  CompletionContext,
  CompletionResult,
  CompletionSource,
} from '@codemirror/autocomplete';
import type { FieldInfo } from '../../../model';
import { LOGQL_FUNCTIONS, LOGQL_LINE_OPERATORS, LOGQL_STAGES } from './logqlCatalog';
import { situationAt } from './situation';

/** What the completions need from the server, fetched by the caller (app/api). */
export interface CompletionData {
  fields(query: string | undefined): Promise<FieldInfo[]>;
  values(field: string, query: string | undefined): Promise<string[]>;
}

function selectorOf(labels: string[], text: string): string | undefined {
  const selector = /^\s*\{[^}]*\}/.exec(text)?.[0];
  return labels.length > 0 && selector ? selector : undefined;
}

/** Turns the cursor's situation into CodeMirror completions, with data from the API. */
export function logqlCompletions(data: CompletionData): CompletionSource {
  return async (context: CompletionContext): Promise<CompletionResult | null> => {
    const text = context.state.doc.toString();
    const situation = situationAt(text, context.pos);
    switch (situation.type) {
      case 'LABEL_NAME': {
        const fields = await data.fields(undefined);
        const options = fields
          .filter((f) => f.type === 'label' && !situation.otherLabels.includes(f.name))
          .map((f) => ({
            label: f.name,
            type: 'property',
            info: 'stream label: selects the streams, read from the index',
            apply: `${f.name}=`,
          }));
        return { from: situation.from, options, validFor: /^\w*$/ };
      }
      case 'LABEL_VALUE': {
        const values = await data.values(situation.label, selectorOf(situation.otherLabels, text));
        // Close the string unless a quote already follows, as Grafana's editor does.
        const close = text[context.pos] === '"' ? '' : '"';
        return {
          from: situation.from,
          options: values.map((v) => ({
            label: v,
            type: 'constant',
            info: `a value of ${situation.label} in the current range`,
            apply: `${v.replace(/["\\]/g, '\\$&')}${close}`,
          })),
          validFor: /^[^"]*$/,
        };
      }
      case 'FIELD_VALUE': {
        const values = await data
          .values(situation.field, situation.pipeline)
          .catch(() => data.values(situation.field, undefined));
        const close = text[context.pos] === '"' ? '' : '"';
        return {
          from: situation.from,
          options: values.map((v) => ({
            label: v,
            type: 'constant',
            info: `a value of ${situation.field} in the current range`,
            apply: `${v.replace(/["\\]/g, '\\$&')}${close}`,
          })),
          validFor: /^[^"]*$/,
        };
      }
      case 'PIPE_STAGE': {
        // Fields the pipeline so far extracts: the query up to this stage, if it stands alone.
        const sofar = text.slice(0, text.lastIndexOf('|', context.pos - 1)).trim();
        const fields = await data.fields(sofar).catch(() => data.fields(undefined));
        const filters = fields
          .filter((f) => f.type === 'field')
          .map((f) => ({
            label: f.name,
            type: 'variable',
            detail: 'field',
            info: 'field extracted by the pipeline so far: a label filter',
            apply: `${f.name}=`,
          }));
        return { from: situation.from, options: [...LOGQL_STAGES, ...filters], validFor: /^\w*$/ };
      }
      case 'EXPRESSION':
        return { from: situation.from, options: LOGQL_FUNCTIONS, validFor: /^\w*$/ };
      case 'LINE_OPERATOR':
        return { from: situation.from, options: LOGQL_LINE_OPERATORS, validFor: /^[|!=~]*$/ };
      case 'NONE':
        return context.explicit ? { from: context.pos, options: [] } : null;
    }
  };
}
