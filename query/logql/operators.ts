import type { SyntaxNode } from '@lezer/common';
import { LogsiftError, type Position } from '../../model';
import type { CompareOp, LineFilterOp, MatchOp } from '../ir';
import { unsupported } from './syntax';

const MATCH_OPS: Record<string, MatchOp> = { Eq: '=', Neq: '!=', Re: '=~', Nre: '!~' };
const FILTER_OPS: Record<string, LineFilterOp> = {
  PipeExact: '|=',
  Neq: '!=',
  PipeMatch: '|~',
  Nre: '!~',
};
const COMPARE_OPS: Record<string, CompareOp> = {
  Eql: '==',
  Eq: '==',
  Neq: '!=',
  Gtr: '>',
  Gte: '>=',
  Lss: '<',
  Lte: '<=',
};

function lookup<T>(table: Record<string, T>, node: SyntaxNode, text: string): T {
  const op = table[node.name];
  if (op === undefined) throw unsupported(node, text);
  return op;
}

export const matcherOp = (node: SyntaxNode, text: string): MatchOp => lookup(MATCH_OPS, node, text);
export const filterOp = (node: SyntaxNode, text: string): LineFilterOp =>
  lookup(FILTER_OPS, node, text);
export const compareOp = (node: SyntaxNode, text: string): CompareOp =>
  lookup(COMPARE_OPS, node, text);

/** LogQL regexes are RE2; the common subset compiles in JavaScript, and what does not is refused. */
export function checkRegex(source: string, pos: Position): void {
  try {
    new RegExp(toJsRegex(source));
  } catch (error) {
    throw new LogsiftError(
      'bad_query',
      `invalid regular expression "${source}": ${(error as Error).message.replace(/^Invalid regular expression: /, '')}`,
      pos,
    );
  }
}

/**
 * RE2's leading `(?i)` as JavaScript can say it inside one pattern (Node 20 has no inline
 * flags): each letter outside escapes and classes becomes a class of both cases.
 */
function foldCase(source: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i] ?? '';
    if (c === '\\') {
      out += c + (source[i + 1] ?? '');
      i++;
    } else if (!inClass && source.startsWith('(?<', i) && source.includes('>', i)) {
      // A group's name is a name, not text to match.
      const end = source.indexOf('>', i);
      out += source.slice(i, end + 1);
      i = end;
    } else if (inClass) {
      if (c === ']') inClass = false;
      out += c;
    } else if (c === '[') {
      inClass = true;
      out += c;
    } else if (/[a-z]/i.test(c)) {
      out += `[${c.toLowerCase()}${c.toUpperCase()}]`;
    } else out += c;
  }
  return out;
}

/** RE2 writes named groups as (?P<name>…); JavaScript as (?<name>…). */
export function toJsRegex(source: string): string {
  const named = source.replace(/\(\?P</g, '(?<');
  return named.startsWith('(?i)') ? foldCase(named.slice(4)) : named;
}
