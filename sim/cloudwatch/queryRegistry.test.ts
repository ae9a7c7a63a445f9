import { describe, expect, it } from 'vitest';
import { resolveOptions } from './options';
import { QueryRegistry } from './queries';

const answer = {
  rows: [[{ field: 'n', value: '1' }]],
  recordsMatched: 1,
  recordsScanned: 2,
  bytesScanned: 3,
};
const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('QueryRegistry', () => {
  it('stays Running until the answer exists, and ends Failed when computing it throws', async () => {
    let now = 0;
    const registry = new QueryRegistry(
      resolveOptions({ scheduledMs: 10, queryDurationMs: 0 }),
      () => now,
    );
    const ok = registry.add(
      { queryString: 'q', logGroupNames: ['g'], endsWith: 'Complete' },
      () => answer,
    );
    const broken = registry.add(
      { queryString: 'q', logGroupNames: ['g'], endsWith: 'Complete' },
      () => {
        throw new Error('evaluator bug');
      },
    );
    expect(registry.status(ok)).toBe('Scheduled');
    now = 20;
    expect(registry.progress(ok)).toMatchObject({ status: 'Running', rows: [] });
    expect(registry.active()).toBe(2);
    await turn();
    expect(registry.progress(ok)).toEqual({
      status: 'Complete',
      rows: answer.rows,
      statistics: { recordsMatched: 1, recordsScanned: 2, bytesScanned: 3 },
    });
    expect(registry.progress(broken)).toMatchObject({ status: 'Failed', rows: [] });
    expect(registry.active()).toBe(0);
  });

  it('forgets the oldest ended queries past 500, never a running one', async () => {
    const registry = new QueryRegistry(resolveOptions({ scheduledMs: 0, queryDurationMs: 0 }));
    const add = () =>
      registry.add({ queryString: 'q', logGroupNames: ['g'], endsWith: 'Complete' }, () => answer);
    const first = add();
    await turn();
    for (let i = 0; i < 499; i++) add();
    add();
    expect(registry.get(first.queryId)).toBeUndefined();
    expect(registry.all()).toHaveLength(500);
    add();
    expect(registry.all()).toHaveLength(501);
  });
});
