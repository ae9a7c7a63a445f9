import type { SyntaxNode } from '@lezer/common';
import type { LabelMatcher, MatchOp } from '../ir';
import { decodeString } from './literals';
import { checkRegex, matcherOp } from './operators';
import { childrenOf, posOf, unsupported } from './syntax';

export function parseMatcher(node: SyntaxNode, text: string): LabelMatcher {
  const [nameNode, opNode, valueNode] = childrenOf(node);
  if (!nameNode || !opNode || !valueNode || valueNode.name !== 'String') {
    throw unsupported(node, text);
  }
  const op: MatchOp = matcherOp(opNode, text);
  const value = decodeString(text.slice(valueNode.from, valueNode.to), posOf(valueNode));
  if (op === '=~' || op === '!~') checkRegex(value, posOf(valueNode));
  return {
    kind: 'matcher',
    name: text.slice(nameNode.from, nameNode.to),
    op,
    value,
    pos: posOf(node),
  };
}
