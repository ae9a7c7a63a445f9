import { describe, expect, it } from 'vitest';
import { readUrlState } from '../state/urlState';
import { exploreUrlFor, savedQueryFields, toSavedRange } from './savedQueryUrl';

describe('saved query URLs', () => {
  it('keeps a relative range relative and stores epoch text as a number', () => {
    expect(toSavedRange('now-6h', 'now')).toEqual({ from: 'now-6h', to: 'now' });
    expect(toSavedRange('1795557967152', '1795561567152')).toEqual({
      from: 1795557967152,
      to: 1795561567152,
    });
  });

  it('opens in Explore with every source, the language, the text, the range and its id', () => {
    const fields = savedQueryFields({
      datasource: 'local',
      also: ['es', 'local'],
      language: 'logql',
      query: '{namespace="shop"} |= "timeout & retry"',
      from: '1795557967152',
      to: 'now',
    });
    expect(fields.datasources).toEqual(['local', 'es']);
    const url = exploreUrlFor({ id: 'Ab3dEf5hIj7kLm9nOp1rSt', ...fields });
    expect(url.startsWith('/?')).toBe(true);
    expect(readUrlState(url.slice(1))).toEqual({
      datasource: 'local',
      also: ['es'],
      language: 'logql',
      query: '{namespace="shop"} |= "timeout & retry"',
      from: '1795557967152',
      to: 'now',
      saved: 'Ab3dEf5hIj7kLm9nOp1rSt',
    });
  });
});
