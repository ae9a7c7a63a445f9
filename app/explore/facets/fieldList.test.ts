import { describe, expect, it } from 'vitest';
import type { Facet } from '../../../model';
import { countNote, fieldEntries, matchesSearch, nextSize, percent } from './fieldList';

const facet = (field: string, counts: number[], other = 0): Facet => ({
  field,
  values: counts.map((count, i) => ({ value: `${field}-${i}`, count })),
  other,
  sampled: false,
});

describe('field list', () => {
  it('puts counted fields first in their order, then every other field by name', () => {
    const entries = fieldEntries(
      [facet('pod', [3]), facet('namespace', [2])],
      [
        { name: 'status', type: 'field' },
        { name: 'namespace', type: 'label' },
        { name: 'app', type: 'label' },
        { name: 'pod', type: 'label' },
      ],
    );
    expect(entries.map((e) => [e.name, e.type, !!e.facet])).toEqual([
      ['pod', 'label', true],
      ['namespace', 'label', true],
      ['app', 'label', false],
      ['status', 'field', false],
    ]);
  });

  it('finds names by every word of the search, in any case', () => {
    expect(matchesSearch('kubernetes.pod_name', 'POD')).toBe(true);
    expect(matchesSearch('kubernetes.pod_name', 'kube name')).toBe(true);
    expect(matchesSearch('kubernetes.pod_name', 'namespace')).toBe(false);
    expect(matchesSearch('anything', '  ')).toBe(true);
  });

  it('says how counts were made when they are not exact lines', () => {
    expect(countNote(facet('pod', [1]))).toBeUndefined();
    expect(countNote({ ...facet('pod', [1]), sampled: true, sampleSize: 1000 })).toBe(
      'counted on a sample of 1,000 lines',
    );
    expect(countNote({ ...facet('pod', [1]), sampled: true })).toBe('counted on a sample');
    expect(countNote({ ...facet('pod', [1]), unit: 'bytes' })).toBe('bytes in the index');
  });

  it('offers more values only while the list may be cut', () => {
    expect(nextSize(facet('pod', Array(10).fill(1), 5), 10)).toBe(50);
    expect(nextSize(facet('pod', Array(50).fill(1), 5), 50)).toBe(500);
    expect(nextSize(facet('pod', Array(500).fill(1), 5), 500)).toBeUndefined();
    expect(nextSize(facet('pod', Array(7).fill(1), 5), 10)).toBeUndefined();
    expect(nextSize(facet('pod', Array(10).fill(1), 0), 10)).toBeUndefined();
  });

  it('writes shares with more digits below one percent', () => {
    expect(percent(1, 4)).toBe('25.0%');
    expect(percent(1, 1000)).toBe('0.10%');
    expect(percent(0, 0)).toBe('0%');
  });
});
