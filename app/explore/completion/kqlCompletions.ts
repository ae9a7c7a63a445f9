import {
  insertCompletionText,
  pickedCompletion,
  startCompletion,
  type Completion,
  type CompletionContext,
  type CompletionResult,
  type CompletionSource,
} from '@codemirror/autocomplete';
import type { EditorView } from '@codemirror/view';
import type { CompletionData } from './completions';
import { kqlSituationAt } from './kqlSituation';

const NOT: Completion = {
  label: 'not',
  type: 'keyword',
  info: 'not a — matches what a does not',
  apply: 'not ',
  boost: -1,
};
const OPERATORS: Completion[] = [
  { label: 'and', type: 'keyword', info: 'a and b — both must match', apply: 'and ' },
  { label: 'or', type: 'keyword', info: 'a or b — either may match', apply: 'or ' },
];
/** What may follow a field name, as Kibana's KQL reads it. */
const FIELD_OPERATORS: Completion[] = [
  {
    label: ':',
    type: 'operator',
    info: 'field: value — equals (text fields: contains the words)',
    apply: ': ',
  },
  { label: ':*', type: 'operator', info: 'field:* — the field exists', apply: ':*' },
  { label: '<', type: 'operator', info: 'field < value — range, below', apply: ' < ' },
  { label: '<=', type: 'operator', info: 'field <= value — range, at most', apply: ' <= ' },
  { label: '>', type: 'operator', info: 'field > value — range, above', apply: ' > ' },
  { label: '>=', type: 'operator', info: 'field >= value — range, at least', apply: ' >= ' },
];
/** The wildcard, documented among the values. */
const WILDCARD: Completion = {
  label: '*',
  type: 'operator',
  info: 'a*b — any characters; field:* alone — the field exists',
  boost: -2,
};

/** KQL's quoted string: only `"` and `\` need a backslash. */
export const quoteKql = (value: string): string => `"${value.replace(/["\\]/g, '\\$&')}"`;

/**
 * A field name as KQL reads it: bare when it has none of KQL's special characters and is no
 * keyword, else quoted (Kibana reads a quoted field name literally; `\ ` is no escape there).
 */
export const escapeKqlField = (name: string): string =>
  /^[^\\():<>"*{}\s]+$/u.test(name) && !/^(and|or|not)$/i.test(name) ? name : quoteKql(name);

/** Writes `field:` and opens the value list at once, as Kibana's query bar does. */
function fieldThenValues(view: EditorView, completion: Completion, from: number, to: number) {
  view.dispatch({
    ...insertCompletionText(view.state, `${escapeKqlField(completion.label)}:`, from, to),
    annotations: pickedCompletion.of(completion),
  });
  startCompletion(view);
}

/** Turns the cursor's KQL situation into CodeMirror completions, with data from the API. */
export function kqlCompletions(data: CompletionData): CompletionSource {
  return async (context: CompletionContext): Promise<CompletionResult | null> => {
    const text = context.state.doc.toString();
    const situation = kqlSituationAt(text, context.pos);
    switch (situation.type) {
      case 'FIELD': {
        const fields = await data.fields(undefined);
        const options = fields.map((f) => ({
          label: f.name,
          type: f.type === 'label' ? 'property' : 'variable',
          detail: f.type === 'label' ? 'label' : 'field',
          info: f.type === 'label' ? 'label: a stream or index label' : 'field of the documents',
          apply: fieldThenValues,
        }));
        return { from: situation.from, options: [...options, NOT], validFor: /^[\w.@-]*$/ };
      }
      case 'VALUE': {
        const values = await data.values(situation.field, undefined);
        // An open quote is closed unless one already follows, as in the LogQL editor.
        const close = text[context.pos] === '"' ? '' : '"';
        const apply = (v: string) =>
          situation.quoted ? `${quoteKql(v).slice(1, -1)}${close}` : quoteKql(v);
        return {
          from: situation.from,
          options: [
            ...values.map((v) => ({
              label: v,
              type: 'constant',
              info: `a value of ${situation.field} in the current range`,
              apply: apply(v),
            })),
            ...(situation.quoted ? [] : [WILDCARD]),
          ],
          validFor: situation.quoted ? /^[^"]*$/ : /^[^\s"():]*$/,
        };
      }
      case 'OPERATOR':
        return {
          from: situation.from,
          options: situation.field === undefined ? OPERATORS : [...OPERATORS, ...FIELD_OPERATORS],
          validFor: /^[\w:<>=*]*$/,
        };
      case 'NONE':
        return context.explicit ? { from: context.pos, options: [] } : null;
    }
  };
}
