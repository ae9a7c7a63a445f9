import { CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { EditorState } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import { logqlCompletions } from './completions';

const source = logqlCompletions({
  fields: () =>
    Promise.resolve([
      { name: 'namespace', type: 'label' },
      { name: 'status', type: 'field' },
    ]),
  values: () => Promise.resolve(['payments']),
});

async function complete(text: string): Promise<CompletionResult | null> {
  const pos = text.indexOf('¦');
  const state = EditorState.create({ doc: text.replace('¦', '') });
  return source(new CompletionContext(state, pos, false));
}

describe('logqlCompletions', () => {
  it('documents every option: labels, values, parsers, functions, operators', async () => {
    const cases: [string, string[]][] = [
      ['{¦', ['namespace']],
      ['{namespace="¦', ['payments']],
      ['{namespace="x"} | json | status="¦', ['payments']],
      [
        '{namespace="x"} | ¦',
        ['json', 'logfmt', 'regexp', 'pattern', 'unpack', 'line_format', 'drop', 'keep', 'status'],
      ],
      ['¦', ['count_over_time', 'rate', 'sum', 'topk']],
      ['{namespace="x"} ¦', ['|=', '!=', '|~', '!~', '|']],
    ];
    for (const [text, expected] of cases) {
      const result = await complete(text);
      expect(
        result?.options.map((o) => o.label),
        text,
      ).toEqual(expect.arrayContaining(expected));
      for (const o of result?.options ?? []) expect(o.info, `${text} ${o.label}`).toBeTruthy();
    }
  });

  it('inserts a line filter operator with its opening quote', async () => {
    const result = await complete('{namespace="x"} ¦');
    expect(result?.options.find((o) => o.label === '|=')?.apply).toBe('|= "');
  });
});
