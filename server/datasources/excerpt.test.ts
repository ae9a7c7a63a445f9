import { describe, expect, it } from 'vitest';
import { excerptOf } from './excerpt';

describe('excerptOf', () => {
  it('keeps the words of an HTML error page and none of its markup', () => {
    const page =
      '<html><head><title>502 Bad Gateway</title><style>h1{color:red}</style>' +
      '<script>alert(document.cookie)</script></head><body><h1 onclick="x()">502 Bad Gateway</h1>' +
      '<!-- upstream 10.0.0.3 --><hr><center>nginx</center></body></html>';
    expect(excerptOf(page)).toBe('502 Bad Gateway 502 Bad Gateway nginx');
    expect(excerptOf('<img src=x onerror=alert(1)')).toBe('');
  });

  it('leaves a JSON or text error as it is, printable and cut', () => {
    expect(excerptOf('{"error":"parse error at line 1, col 5: syntax error"}\n')).toBe(
      '{"error":"parse error at line 1, col 5: syntax error"}',
    );
    expect(excerptOf('bad\u0000 \u001b[31mred')).toBe('bad [31mred');
    expect(excerptOf('x'.repeat(2_000))).toHaveLength(501);
  });
});
