import { styleTags, tags as t } from '@lezer/highlight';

/** Highlighting tags attached to the generated parser, so any CodeMirror theme colours KQL. */
export const kqlHighlighting = styleTags({
  'Field/UnquotedLiteral Field/QuotedString': t.propertyName,
  QuotedString: t.string,
  UnquotedLiteral: t.content,
  'Or And Not': t.logicOperator,
  'Lte Gte Lt Gt': t.compareOperator,
  '":"': t.punctuation,
  '( )': t.paren,
  '{ }': t.brace,
});
