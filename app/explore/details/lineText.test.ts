import { describe, expect, it } from 'vitest';
import { prettyText, shownPart, SHOWN_CHARS } from './lineText';
import { lineLink } from './lineLink';

describe('details text', () => {
  it('indents JSON objects and leaves other lines alone', () => {
    expect(prettyText('{"a":1,"b":[true]}')).toEqual({
      text: '{\n  "a": 1,\n  "b": [\n    true\n  ]\n}',
      json: true,
    });
    expect(prettyText('{"a":1')).toEqual({ text: '{"a":1', json: false });
    expect(prettyText('level=info msg=ok')).toEqual({ text: 'level=info msg=ok', json: false });
    expect(prettyText('42').json).toBe(false);
  });

  it('shows the first 10,000 characters of a long line, the rest on request', () => {
    const long = 'x'.repeat(1_000_000);
    expect(shownPart(long, false)).toEqual({ text: 'x'.repeat(SHOWN_CHARS), hidden: 990_000 });
    expect(shownPart(long, true).hidden).toBe(0);
    const emoji = `${'a'.repeat(SHOWN_CHARS - 1)}😀tail`;
    expect(shownPart(emoji, false).text).toBe('a'.repeat(SHOWN_CHARS - 1));
  });

  it('links to a line with the view parameters kept', () => {
    expect(
      lineLink('http://h/logsift/?ds=loki&q=%7Bapp%3D%22x%22%7D&line=old#top', 'abc-1~2'),
    ).toBe('http://h/logsift/?ds=loki&q=%7Bapp%3D%22x%22%7D&line=abc-1%7E2');
  });
});
