import type {
  Completion,
  CompletionContext,
  CompletionResult,
  CompletionSource,
} from '@codemirror/autocomplete';
import type { FieldInfo } from '../../../model';
import { situationAt } from './situation';

const STAGES: Completion[] = [
  { label: 'json', type: 'keyword', detail: 'parser' },
  { label: 'logfmt', type: 'keyword', detail: 'parser' },
  { label: 'regexp', type: 'keyword', detail: 'parser', apply: 'regexp "(?P<name>…)"' },
  { label: 'pattern', type: 'keyword', detail: 'parser', apply: 'pattern "<_> <field>"' },
  { label: 'unpack', type: 'keyword', detail: 'parser' },
  { label: 'line_format', type: 'keyword', detail: 'format', apply: 'line_format "{{.field}}"' },
  { label: 'label_format', type: 'keyword', detail: 'format' },
  { label: 'drop', type: 'keyword' },
  { label: 'keep', type: 'keyword' },
  { label: 'decolorize', type: 'keyword' },
];

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
          .map((f) => ({ label: f.name, type: 'property', apply: `${f.name}=` }));
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
          .map((f) => ({ label: f.name, type: 'variable', detail: 'field', apply: `${f.name}=` }));
        return { from: situation.from, options: [...STAGES, ...filters], validFor: /^\w*$/ };
      }
      case 'NONE':
        return context.explicit ? { from: context.pos, options: [] } : null;
    }
  };
}
