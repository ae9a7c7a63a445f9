import { describe, expect, it } from 'vitest';
import { limitLine, MAX_LINE_BYTES } from './limitLine';

describe('limitLine', () => {
  it('leaves ordinary lines alone', () => {
    const line = '{"level":"info","msg":"<script>alert(1)</script>"}';
    expect(limitLine(line)).toBe(line);
    expect(limitLine('é'.repeat(MAX_LINE_BYTES / 2))).toHaveLength(MAX_LINE_BYTES / 2);
  });

  it('cuts by UTF-8 bytes at a character boundary and counts what went', () => {
    const cut = limitLine('€'.repeat(100), 10);
    // Three 3-byte euros fit in 10 bytes; 97 × 3 bytes are gone.
    expect(cut).toBe('€€€… [truncated 291 bytes]');
    expect(limitLine('x'.repeat(1024 * 1024))).toBe(
      `${'x'.repeat(MAX_LINE_BYTES)}… [truncated ${1024 * 1024 - MAX_LINE_BYTES} bytes]`,
    );
  });

  it('adds what a reader dropped earlier to the count', () => {
    expect(limitLine('abc', 10, 5)).toBe('abc… [truncated 5 bytes]');
    expect(limitLine('abcdefghijkl', 10, 5)).toBe('abcdefghij… [truncated 7 bytes]');
  });
});
