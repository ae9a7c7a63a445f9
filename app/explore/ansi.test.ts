import { describe, expect, it } from 'vitest';
import { parseAnsi, stripAnsi } from './ansi';

describe('parseAnsi', () => {
  it('turns SGR colours and bold into spans and resets them', () => {
    expect(parseAnsi('\u001b[31mred\u001b[0m plain \u001b[1;92mbold green\u001b[22m')).toEqual([
      { text: 'red', fg: 'var(--ansi-1)' },
      { text: ' plain ' },
      { text: 'bold green', bold: true, fg: 'var(--ansi-10)' },
    ]);
  });

  it('drops cursor moves, titles and OSC 8 links instead of acting on them', () => {
    const line =
      'a\u001b[2J\u001b[1;1Hb\u001b]0;title\u0007c\u001b]8;;http://evil.example\u001b\\link\u001b]8;;\u001b\\';
    expect(stripAnsi(line)).toBe('abclink');
  });

  it('keeps HTML as text and shows control characters visibly', () => {
    expect(stripAnsi('<script>alert(1)</script>')).toBe('<script>alert(1)</script>');
    expect(stripAnsi('nul\u0000byte\u0007')).toBe('nul␀byte␇');
  });

  it('shows C1 controls as hex and leaves tab and newline alone', () => {
    expect(stripAnsi('csi\u009b2Jend\u0085')).toBe('csi\\x9B2Jend\\x85');
    expect(stripAnsi('a\tb\nc\rd')).toBe('a\tb\nc␍d');
  });
});
