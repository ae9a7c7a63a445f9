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

/** RE2 writes named groups as (?P<name>…); JavaScript as (?<name>…). */
export function toJsRegex(source: string): string {
  return source.replace(/\(\?P</g, '(?<');
}
