import type { SyntaxNode, Tree } from '@lezer/common';
import { LogsiftError } from '../../model';
import { isKqlSpace } from './tokens';

/** What an open bracket holds: a query group, a value list or a nested query. */
type Frame = 'group' | 'values' | 'nested';

/** What can come next, in Kibana's words ("Expected … but … found"). */
function expected(previous: string | undefined, frames: Frame[]): string {
  const frame = frames[frames.length - 1];
  const inValues = frame === 'values';
  switch (previous) {
    case undefined:
    case '(':
    case '{':
    case 'Or':
    case 'And':
      if (inValues) return '"(", NOT, value';
      return '"(", NOT, field name, value';
    case 'Not':
      return inValues ? '"(", value' : '"(", field name, value';
    case ':':
      return '"(", "{", value';
    case 'Lt':
    case 'Lte':
    case 'Gt':
    case 'Gte':
      return 'literal';
    default: {
      const close = frame === 'nested' ? ', "}"' : frame ? ', ")"' : ', end of input';
      return `AND, OR${close}`;
    }
  }
}

/** Leaves of the tree that end before `offset`, in order. */
function tokensBefore(tree: Tree, offset: number): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  tree.iterate({
    enter(ref) {
      if (ref.from >= offset || ref.type.isError) return false;
      if (!ref.node.firstChild && ref.to <= offset) out.push(ref.node);
      return undefined;
    },
  });
  return out;
}

function framesOf(tokens: SyntaxNode[]): Frame[] {
  const frames: Frame[] = [];
  let previous: string | undefined;
  for (const token of tokens) {
    if (token.name === '(')
      frames.push(previous === ':' || frames.at(-1) === 'values' ? 'values' : 'group');
    else if (token.name === '{') frames.push('nested');
    else if (token.name === ')' || token.name === '}') frames.pop();
    previous = token.name;
  }
  return frames;
}

/** The first syntax error of a KQL tree as a message a person can act on, or undefined. */
export function syntaxError(tree: Tree, text: string): LogsiftError | undefined {
  let error: SyntaxNode | undefined;
  tree.iterate({
    enter(ref) {
      if (error) return false;
      if (ref.type.isError) error = ref.node;
      return error ? false : undefined;
    },
  });
  if (!error) return undefined;
  let at = error.from;
  while (at < text.length && isKqlSpace(text.charCodeAt(at))) at++;
  if (text[at] === '"' && !/^"(?:[^"\\]|\\.)*"/s.test(text.slice(at))) {
    return new LogsiftError('bad_query', 'This phrase has no closing quote: add a " at its end.', {
      from: at,
      to: text.length,
    });
  }
  const tokens = tokensBefore(tree, at);
  const expectation = expected(tokens.at(-1)?.name, framesOf(tokens));
  const found = at >= text.length ? 'end of input' : `"${foundToken(text, at)}"`;
  const hint =
    text[at] === '\\' ? ' (a backslash escapes only \\ ( ) : < > " * { } and keywords)' : '';
  const to = at >= text.length ? at : at + foundToken(text, at).length;
  return new LogsiftError('bad_query', `Expected ${expectation} but ${found} found${hint}.`, {
    from: at,
    to,
  });
}

/** The offending word, or the single character that cannot stand there. */
function foundToken(text: string, at: number): string {
  const word = /^[\p{L}\p{N}_.@-]+/u.exec(text.slice(at))?.[0];
  return word ?? text.slice(at, at + 1);
}
