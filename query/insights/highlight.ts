import { styleTags, tags as t } from '@lezer/highlight';

/** Highlighting tags attached to the generated parser, so any CodeMirror theme colours Insights QL. */
export const insightsHighlighting = styleTags({
  'Fields Filter Parse Stats Sort Limit Display Dedup Logfmt Multi OtherCommandName': t.keyword,
  'As By Asc Desc': t.keyword,
  'And Or Not': t.logicOperator,
  'Like In': t.operatorKeyword,
  'CompareOp MatchOp': t.compareOperator,
  '"*" "/" "%" "+" "-" "^"': t.arithmeticOperator,
  'Field/Identifier Field/Backquoted Alias/...': t.propertyName,
  'FunctionName/Identifier': t.function(t.name),
  String: t.string,
  // A kind of string, so a theme without a regex colour still colours it as one.
  Regex: t.special(t.string),
  'Number Duration': t.number,
  Comment: t.lineComment,
  '"|" "," ":"': t.separator,
  '( )': t.paren,
  '[ ]': t.squareBracket,
});
