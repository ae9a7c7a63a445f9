import { describe, expect, it } from 'vitest';
import { formatLogTime, zoneName } from './time';

describe('formatLogTime', () => {
  it('writes UTC with milliseconds from epoch nanoseconds', () => {
    expect(formatLogTime('1795561855875123456', 'utc')).toBe('2026-11-24 23:10:55.875');
    expect(formatLogTime('0', 'utc')).toBe('1970-01-01 00:00:00.000');
  });

  it('writes local time in the browser zone and names the zones', () => {
    const local = new Date(1795561855875);
    expect(formatLogTime('1795561855875000000')).toContain(
      `${String(local.getHours()).padStart(2, '0')}:${String(local.getMinutes()).padStart(2, '0')}:55.875`,
    );
    expect(zoneName('utc')).toBe('UTC');
    expect(zoneName('local')).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
  });
});
