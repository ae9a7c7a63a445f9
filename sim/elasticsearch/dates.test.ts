import { describe, expect, it } from 'vitest';
import { formatDate } from './dates';

describe('formatDate', () => {
  const at = Date.UTC(2026, 10, 24, 9, 5, 7, 42);

  it("writes Java date patterns, quoted text kept and the zone's offset applied", () => {
    expect(formatDate(at, "yyyy-MM-dd'T'HH:mm:ss.SSSXXX")).toBe('2026-11-24T09:05:07.042Z');
    expect(formatDate(at, 'yyyy/MM/dd HH:mm:ss.SSSXXX', '+02:00')).toBe(
      '2026/11/24 11:05:07.042+02:00',
    );
    expect(formatDate(at, 'epoch_millis')).toBe(String(at));
  });
});
