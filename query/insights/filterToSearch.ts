import type { SyntaxNode } from '@lezer/common';
import { LogsiftError, type Position } from '../../model';
import { re2ToLucene } from '../dsl/regex';
import type { FilterExpr, RangeBound, SearchField, SearchValue } from '../ir';
import { childrenOf, posOf } from '../logql/syntax';
import { decodeName, decodeRegex, decodeString } from './literals';

const RANGES: Record<string, RangeBound> = { '<': 'lt', '<=': 'lte', '>': 'gt', '>=': 'gte' };
const COMPARED = ' (only a field compared with a string or a number translates)';
const FLIPPED: Record<RangeBound, RangeBound> = { lt: 'gt', lte: 'gte', gt: 'lt', gte: 'lte' };

/** Refuses an Insights construct by name, for a translation to KQL or LogQL. */
export function untranslatable(construct: string, pos: Position, hint = ''): LogsiftError {
  return new LogsiftError(
    'unsupported',
    `Logs Insights ${construct} has no KQL or LogQL equivalent${hint}`,
    pos,
  );
}

/** Children that carry meaning, without brackets and keywords. */
function operands(node: SyntaxNode): SyntaxNode[] {
  return childrenOf(node).filter(
    (c) => !['(', ')', '[', ']', ',', 'And', 'Or', 'Not', 'Like', 'In'].includes(c.name),
  );
}

function has(node: SyntaxNode, name: string): boolean {
  return node.getChild(name) !== null;
}

function source(node: SyntaxNode, text: string): string {
  return text.slice(node.from, node.to);
}

/** A filter condition as the search IR; throws 'unsupported' naming what has no equivalent. */
export function filterToSearch(node: SyntaxNode, text: string): FilterExpr {
  const pos = posOf(node);
  const [first, second, third] = operands(node);
  switch (node.name) {
    case 'ParenExpression':
      if (first) return filterToSearch(first, text);
      break;
    case 'AndExpression':
    case 'OrExpression': {
      const kind = node.name === 'AndExpression' ? 'and' : 'or';
      const parts = operands(node).map((c) => filterToSearch(c, text));
      return { kind, operands: parts.flatMap((p) => (p.kind === kind ? p.operands : [p])), pos };
    }
    case 'NotExpression':
      if (first) return { kind: 'not', operand: filterToSearch(first, text), pos };
      break;
    case 'CompareExpression':
      if (first && second && third)
        return comparison(first, source(second, text), third, text, pos);
      break;
    case 'LikeExpression':
    case 'MatchExpression': {
      const pattern = node.name === 'MatchExpression' ? third : second;
      if (!first || !pattern) break;
      const matches = like(fieldOf(first, text), pattern, text, pos);
      return has(node, 'Not') ? { kind: 'not', operand: matches, pos } : matches;
    }
    case 'InExpression': {
      if (!first || !second) break;
      const field = fieldOf(first, text);
      const values = operands(second).map((v): FilterExpr => ({
        kind: 'is',
        field,
        value: valueOf(v, text),
        pos: posOf(v),
      }));
      const any: FilterExpr =
        values.length === 1 && values[0] ? values[0] : { kind: 'or', operands: values, pos };
      return has(node, 'Not') ? { kind: 'not', operand: any, pos } : any;
    }
    case 'Call':
      return call(node, text, pos);
  }
  throw untranslatable(`condition ${source(node, text)}`, pos);
}

function call(node: SyntaxNode, text: string, pos: Position): FilterExpr {
  const name = source(node.getChild('FunctionName') ?? node, text);
  const args = operands(node.getChild('ArgList') ?? node);
  const [arg] = args;
  if (name.toLowerCase() === 'ispresent' && arg && args.length === 1) {
    return { kind: 'exists', field: fieldOf(arg, text), pos };
  }
  throw untranslatable(`function ${name}()`, pos);
}

function comparison(
  left: SyntaxNode,
  op: string,
  right: SyntaxNode,
  text: string,
  pos: Position,
): FilterExpr {
  const flipped = left.name !== 'Field' && right.name === 'Field';
  const field = fieldOf(flipped ? right : left, text);
  const value = valueOf(flipped ? left : right, text);
  if (op === '=' || op === '!=') {
    const is: FilterExpr = { kind: 'is', field, value, pos };
    return op === '=' ? is : { kind: 'not', operand: is, pos };
  }
  const bound = RANGES[op] as RangeBound;
  return { kind: 'range', field, op: flipped ? FLIPPED[bound] : bound, value, pos };
}

/** `like "sub"` finds a substring; `like /re/` and `=~ /re/` search the value for a match. */
function like(field: SearchField, pattern: SyntaxNode, text: string, pos: Position): FilterExpr {
  const written = source(pattern, text);
  if (pattern.name === 'String') {
    return {
      kind: 'is',
      field,
      value: { kind: 'wildcard', parts: ['', decodeString(written), ''] },
      pos,
    };
  }
  try {
    return { kind: 'regexp', field, pattern: re2ToLucene(decodeRegex(written), false, pos), pos };
  } catch (error) {
    if (error instanceof LogsiftError) throw untranslatable(`regex ${written}`, pos);
    throw error;
  }
}

function fieldOf(node: SyntaxNode, text: string): SearchField {
  if (node.name !== 'Field') {
    throw untranslatable(`expression ${source(node, text)}`, posOf(node), COMPARED);
  }
  return { name: decodeName(source(node, text)), wildcard: false, pos: posOf(node) };
}

function valueOf(node: SyntaxNode, text: string): SearchValue {
  const written = source(node, text);
  if (node.name === 'String') return { kind: 'phrase', value: decodeString(written) };
  if (node.name === 'Number') return { kind: 'literal', value: Number(written) };
  const negated = node.name === 'UnaryExpression' ? node.lastChild : null;
  if (negated?.name === 'Number') return { kind: 'literal', value: -Number(source(negated, text)) };
  throw untranslatable(`expression ${written}`, posOf(node), COMPARED);
}
