import { describe, expect, it } from 'vitest';
import { stripAnsi } from './ansi';

describe('stripAnsi', () => {
  it('removes colours, cursor moves and hyperlinks, keeping the text', () => {
    expect(stripAnsi('\u001b[31mERROR\u001b[0m \u001b[1m[web]\u001b[22m failed')).toBe(
      'ERROR [web] failed',
    );
    expect(stripAnsi('\u001b[2K\u001b[1Gprogress 50%')).toBe('progress 50%');
    expect(stripAnsi('see \u001b]8;;https://x.test\u0007link\u001b]8;;\u0007 here')).toBe(
      'see link here',
    );
    expect(stripAnsi('\u001b[38;5;196mred\u001b[m', ' ')).toBe(' red ');
  });

  it('leaves plain text, markup and a lone escape byte alone', () => {
    expect(stripAnsi('<script>alert(1)</script>')).toBe('<script>alert(1)</script>');
    expect(stripAnsi('tab\there')).toBe('tab\there');
    expect(stripAnsi('ends with \u001b')).toBe('ends with \u001b');
  });
});
