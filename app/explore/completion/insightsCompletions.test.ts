import { CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { EditorState } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import { insightsCompletions } from './insightsCompletions';

const source = insightsCompletions({
  fields: () =>
    Promise.resolve([
      { name: 'kubernetes.namespace_name', type: 'field' },
      { name: 'pod name', type: 'field' },
      { name: '@message', type: 'field' },
    ]),
  values: (field) =>
    Promise.resolve(field === 'kubernetes.namespace_name' ? ['payments', 'say "hi"', '42'] : []),
});

async function complete(text: string): Promise<CompletionResult | null> {
  const pos = text.indexOf('¦');
  const state = EditorState.create({ doc: text.replace('¦', '') });
  return source(new CompletionContext(state, pos, false));
}

const labels = (r: CompletionResult | null) => r?.options.map((o) => o.label) ?? [];

describe('insightsCompletions', () => {
  it('offers the commands with their documentation', async () => {
    const result = await complete('fields @message | ¦');
    expect(labels(result)).toEqual(
      expect.arrayContaining(['filter', 'stats', 'sort', 'dedup', 'unmask']),
    );
    const filter = result?.options.find((o) => o.label === 'filter');
    expect(filter?.info).toMatch(/condition/);
  });

  it('offers system and discovered fields, backquoting names Insights cannot read bare', async () => {
    const result = await complete('filter ¦');
    const names = labels(result);
    expect(names.slice(0, 6)).toEqual([
      '@timestamp',
      '@message',
      '@logStream',
      '@log',
      '@ingestionTime',
      '@ptr',
    ]);
    expect(names.filter((n) => n === '@message')).toHaveLength(1);
    const spaced = result?.options.find((o) => o.label === 'pod name');
    expect(spaced?.apply).toBe('`pod name`');
    expect(result?.options.find((o) => o.label === 'kubernetes.namespace_name')?.apply).toBe(
      'kubernetes.namespace_name',
    );
    expect(names).toEqual(expect.arrayContaining(['ispresent', 'strlen', 'concat', 'bin']));
  });

  it('offers aggregate functions after stats, bin after by', async () => {
    const stats = await complete('stats ¦');
    expect(labels(stats)).toEqual(
      expect.arrayContaining([
        'count',
        'count_distinct',
        'sum',
        'avg',
        'pct',
        'stddev',
        'earliest',
        'latest',
      ]),
    );
    expect(labels(stats)).not.toContain('@message');
    expect(stats?.options.find((o) => o.label === 'pct')?.info).toMatch(/percentile/);
    const by = await complete('stats count(*) by ¦');
    expect(labels(by)).toContain('bin');
    expect(labels(by)).toContain('@logStream');
    expect(labels(by)).not.toContain('avg');
  });

  it('offers comparison operators after a field, then its values written as literals', async () => {
    const ops = await complete('filter kubernetes.namespace_name ¦');
    expect(labels(ops)).toEqual(
      expect.arrayContaining(['=', '!=', '<', 'like', 'not like', '=~', 'in', 'and', 'or']),
    );
    const values = await complete('filter kubernetes.namespace_name = ¦');
    expect(values?.options.map((o) => o.apply)).toEqual(['"payments"', '"say \\"hi\\""', '42']);
    const open = await complete('filter kubernetes.namespace_name = "pa¦');
    expect(open?.options[0]?.apply).toBe('payments"');
    const closed = await complete("filter kubernetes.namespace_name like 'sa¦'");
    expect(closed?.options[1]?.apply).toBe('say "hi"');
  });

  it('documents every option it offers', async () => {
    const texts = [
      '¦',
      'filter ¦',
      'stats ¦',
      'stats count(*) ¦',
      'sort @timestamp ¦',
      'filter x ¦',
    ];
    for (const text of texts) {
      const result = await complete(text);
      expect(result?.options.length, text).toBeGreaterThan(0);
      for (const o of result?.options ?? []) expect(o.info, `${text} ${o.label}`).toBeTruthy();
    }
  });
});
