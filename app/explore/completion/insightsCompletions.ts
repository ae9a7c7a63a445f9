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
import { fieldName, valueLiteral } from '../../../query/insights/literals';
import type { CompletionData } from './completions';
import {
  INSIGHTS_BIN,
  INSIGHTS_COMMANDS,
  INSIGHTS_FUNCTIONS,
  INSIGHTS_KEYWORDS,
  INSIGHTS_OPERATORS,
  INSIGHTS_STATS_FUNCTIONS,
  INSIGHTS_SYSTEM_FIELDS,
  type Documented,
} from './insightsCatalog';
import { insightsSituationAt } from './insightsSituation';

const WORD = /^[\w@.]*$/;

const option = (d: Documented, type: string, boost = 0): Completion => ({
  label: d.label,
  type,
  info: d.info,
  apply: d.apply ?? d.label,
  boost,
});

/** Writes the operator and opens the field's values at once, as the KQL editor does. */
function thenValues(text: string) {
  return (view: EditorView, completion: Completion, from: number, to: number) => {
    view.dispatch({
      ...insertCompletionText(view.state, text, from, to),
      annotations: pickedCompletion.of(completion),
    });
    startCompletion(view);
  };
}

const operatorOption = (o: Documented, boost: number): Completion => ({
  ...option(o, 'operator', boost),
  apply: thenValues(o.apply ?? o.label),
});

/** A field name as Insights reads it: backquoted when it holds anything but a-z, 0-9, _ @ . */
function fieldOption(name: string, kind: 'label' | 'field'): Completion {
  let apply: string;
  try {
    apply = fieldName(name);
  } catch {
    apply = name;
  }
  return {
    label: name,
    type: kind === 'label' ? 'property' : 'variable',
    info: kind === 'label' ? 'label (from the datasource)' : 'field (discovered in the log group)',
    apply,
    boost: 1,
  };
}

async function fieldOptions(data: CompletionData): Promise<Completion[]> {
  const fields = await data.fields(undefined).catch(() => []);
  const system = new Set(INSIGHTS_SYSTEM_FIELDS.map((f) => f.label));
  return [
    ...INSIGHTS_SYSTEM_FIELDS.map((f) => option(f, 'property', 2)),
    ...fields.filter((f) => !system.has(f.name)).map((f) => fieldOption(f.name, f.type)),
  ];
}

/** A value written as a literal: numbers bare, the rest a string with `"` and `\` escaped. */
function valueApply(value: string, quote: string | undefined, closed: boolean): string {
  if (quote === undefined) return valueLiteral(value);
  const escaped = value.replace(new RegExp(`[\\\\${quote}]`, 'g'), '\\$&');
  return closed ? escaped : `${escaped}${quote}`;
}

/** Turns the cursor's Insights situation into CodeMirror completions, with data from the API. */
export function insightsCompletions(data: CompletionData): CompletionSource {
  return async (context: CompletionContext): Promise<CompletionResult | null> => {
    const text = context.state.doc.toString();
    const situation = insightsSituationAt(text, context.pos);
    switch (situation.type) {
      case 'COMMAND':
        return {
          from: situation.from,
          options: INSIGHTS_COMMANDS.map((c) => option(c, 'keyword')),
          validFor: /^\w*$/,
        };
      case 'EXPRESSION': {
        const fields = situation.functions === 'stats' ? [] : await fieldOptions(data);
        const functions =
          situation.functions === 'stats'
            ? INSIGHTS_STATS_FUNCTIONS
            : situation.functions === 'bin'
              ? [INSIGHTS_BIN]
              : situation.functions === 'scalar'
                ? INSIGHTS_FUNCTIONS
                : [];
        return {
          from: situation.from,
          options: [...fields, ...functions.map((f) => option(f, 'function', -1))],
          validFor: WORD,
        };
      }
      case 'NEXT': {
        const keywords = situation.keywords.flatMap((k) => {
          const documented = INSIGHTS_KEYWORDS[k];
          return documented ? [option(documented, 'keyword')] : [];
        });
        const operators = situation.operators
          ? INSIGHTS_OPERATORS.map((o, i) => operatorOption(o, INSIGHTS_OPERATORS.length - i))
          : [];
        return {
          from: situation.from,
          options: [...operators, ...keywords],
          validFor: /^[\w=!<>~]*$/,
        };
      }
      case 'VALUE': {
        const values = await data.values(situation.field, undefined).catch(() => []);
        const quote = situation.quoted ? text[situation.from - 1] : undefined;
        const closed = quote !== undefined && text[context.pos] === quote;
        return {
          from: situation.from,
          options: values.map((v) => ({
            label: v,
            type: 'constant',
            info: `a value of ${situation.field} in the current range`,
            apply: valueApply(v, quote, closed),
          })),
          validFor: situation.quoted ? /^[^"']*$/ : /^[^\s"'()[\],]*$/,
        };
      }
      case 'NONE':
        return context.explicit ? { from: context.pos, options: [] } : null;
    }
  };
}
