import { CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { EditorState } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import { kqlCompletions } from './kqlCompletions';

const source = kqlCompletions({
  fields: () =>
    Promise.resolve([
      { name: 'namespace', type: 'label' },
      { name: 'http.status', type: 'field' },
    ]),
  values: (field) => Promise.resolve(field === 'namespace' ? ['payments', 'say "hi"'] : []),
});

async function complete(text: string): Promise<CompletionResult | null> {
  const pos = text.indexOf('¦');
  const state = EditorState.create({ doc: text.replace('¦', '') });
  return source(new CompletionContext(state, pos, false));
}

describe('kqlCompletions', () => {
  it('offers field names and not at the start of a clause', async () => {
    const result = await complete('level:info and na¦');
    expect(result?.from).toBe(15);
    expect(result?.options.map((o) => o.label)).toEqual(['namespace', 'http.status', 'not']);
  });

  it('writes values quoted, or closes the quote the user opened', async () => {
    const bare = await complete('namespace:¦');
    expect(bare?.options.map((o) => o.apply)).toEqual(['"payments"', '"say \\"hi\\""', undefined]);
    expect(bare?.options.at(-1)).toMatchObject({
      label: '*',
      info: expect.stringMatching(/exists/),
    });
    const open = await complete('namespace:"pa¦');
    expect(open?.options[0]?.apply).toBe('payments"');
    const closed = await complete('namespace:"pa¦"');
    expect(closed?.options[0]?.apply).toBe('payments');
  });

  it('offers and/or after a clause and nothing inside a free-text phrase', async () => {
    const after = await complete('namespace:"payments" ¦');
    expect(after?.options.map((o) => o.label)).toEqual(['and', 'or']);
    const word = await complete('status ¦');
    expect(word?.options.map((o) => o.label)).toEqual([
      'and',
      'or',
      ':',
      ':*',
      '<',
      '<=',
      '>',
      '>=',
    ]);
    expect(word?.options.every((o) => typeof o.info === 'string' && o.info.length > 0)).toBe(true);
    expect(await complete('"timeout ¦')).toBeNull();
  });
});
