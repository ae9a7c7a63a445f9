import { describe, expect, it } from 'vitest';
import { jsonFileName } from './fileName';

describe('jsonFileName', () => {
  it('keeps a plain title', () => {
    expect(jsonFileName('Checkout errors')).toBe('Checkout errors.json');
  });
  it('never lets a title pick a folder or an odd byte', () => {
    expect(jsonFileName('../../etc/passwd')).toBe('etc-passwd.json');
    expect(jsonFileName('a\\b:c*?"<>|\u0000d')).toBe('a-b-c-d.json');
  });
  it('falls back to a name when nothing is left', () => {
    expect(jsonFileName('...')).toBe('dashboard.json');
    expect(jsonFileName('')).toBe('dashboard.json');
  });
});
