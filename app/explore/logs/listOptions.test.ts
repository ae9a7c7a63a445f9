import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS, loadOptions, saveOptions } from './listOptions';

function memoryStorage(): Pick<Storage, 'getItem' | 'setItem'> {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
  };
}

describe('list options', () => {
  it('round-trip through storage', () => {
    const storage = memoryStorage();
    const options = { wrap: true, prettify: true, dedup: 'numbers', order: 'oldest', zone: 'utc' };
    saveOptions(storage, options as typeof DEFAULT_OPTIONS);
    expect(loadOptions(storage)).toEqual(options);
  });

  it('fall back per option on missing, unknown or broken values', () => {
    const storage = memoryStorage();
    expect(loadOptions(storage)).toEqual(DEFAULT_OPTIONS);
    storage.setItem('logsift.logList', '{"wrap":true,"dedup":"fuzzy","zone":3}');
    expect(loadOptions(storage)).toEqual({ ...DEFAULT_OPTIONS, wrap: true });
    storage.setItem('logsift.logList', '{not json');
    expect(loadOptions(storage)).toEqual(DEFAULT_OPTIONS);
    expect(loadOptions(undefined)).toEqual(DEFAULT_OPTIONS);
  });
});
