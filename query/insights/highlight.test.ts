import { highlightTree, tagHighlighter, tags as t } from '@lezer/highlight';
import { describe, expect, it } from 'vitest';
import { parser } from './parser';

/** The tags the editor's palette colours (app/explore/queryLanguages.ts). */
const palette = tagHighlighter([
  { tag: [t.labelName, t.propertyName], class: 'field' },
  { tag: t.string, class: 'string' },
  { tag: t.number, class: 'number' },
  { tag: [t.operator, t.compareOperator], class: 'operator' },
  { tag: [t.keyword, t.logicOperator], class: 'keyword' },
  { tag: t.function(t.name), class: 'function' },
  { tag: [t.punctuation, t.paren, t.brace], class: 'punctuation' },
  { tag: t.comment, class: 'comment' },
]);

/** Each highlighted piece of the query with its classes, as CodeMirror would colour it. */
function highlighted(text: string): [string, string][] {
  const out: [string, string][] = [];
  highlightTree(parser.parse(text), palette, (from, to, classes) => {
    out.push([text.slice(from, to), classes]);
  });
  return out;
}

describe('Logs Insights highlighting', () => {
  it('tags commands, fields, functions, operators and literals', () => {
    expect(
      highlighted(
        'filter level = "error" and @message like /time(out)?/ # why\n| stats count(*) by bin(5m)',
      ),
    ).toEqual([
      ['filter', 'keyword'],
      ['level', 'field'],
      ['=', 'operator'],
      ['"error"', 'string'],
      ['and', 'keyword'],
      ['@message', 'field'],
      ['like', 'keyword'],
      ['/time(out)?/', 'string'],
      ['# why', 'comment'],
      ['|', 'punctuation'],
      ['stats', 'keyword'],
      ['count', 'function'],
      ['(', 'punctuation'],
      ['*', 'operator'],
      [')', 'punctuation'],
      ['by', 'keyword'],
      ['bin', 'function'],
      ['(', 'punctuation'],
      ['5m', 'number'],
      [')', 'punctuation'],
    ]);
  });
});
