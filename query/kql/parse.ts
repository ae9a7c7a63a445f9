import type { SyntaxNode } from '@lezer/common';
import { LogsiftError, type Position } from '../../model';
import type { FilterExpr, RangeBound, SearchField, SearchQueryIR, SearchValue } from '../ir';
import { syntaxError } from './errors';
import { decodeQuoted, decodeUnquoted } from './literals';
import { parser } from './parser';

const RANGE_BOUNDS: Record<string, RangeBound> = { Lt: 'lt', Lte: 'lte', Gt: 'gt', Gte: 'gte' };

/** Parses Kibana's KQL into the IR; throws LogsiftError('bad_query') at the first mistake. */
export function parseKQL(text: string): SearchQueryIR {
  const tree = parser.parse(text);
  const error = syntaxError(tree, text);
  if (error) throw error;
  const top = tree.topNode;
  const first = top.firstChild;
  return {
    kind: 'search',
    filter: first ? toFilter(first, text) : null,
    pos: { from: 0, to: text.length },
  };
}

function posOf(node: SyntaxNode): Position {
  return { from: node.from, to: node.to };
}

function children(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) out.push(c);
  return out;
}

/** Operands of a node, skipping the keywords and brackets between them. */
function operands(node: SyntaxNode): SyntaxNode[] {
  return children(node).filter(
    (c) => !['Or', 'And', 'Not', '(', ')', '{', '}', ':'].includes(c.name),
  );
}

function only(node: SyntaxNode): SyntaxNode {
  const [inner] = operands(node);
  if (!inner) throw new LogsiftError('internal', `empty ${node.name} in KQL tree`, posOf(node));
  return inner;
}

function toFilter(node: SyntaxNode, text: string): FilterExpr {
  switch (node.name) {
    case 'OrQuery':
    case 'AndQuery':
      return {
        kind: node.name === 'OrQuery' ? 'or' : 'and',
        operands: operands(node).map((c) => toFilter(c, text)),
        pos: posOf(node),
      };
    case 'NotQuery':
      return { kind: 'not', operand: toFilter(only(node), text), pos: posOf(node) };
    case 'Group':
      return toFilter(only(node), text);
    case 'NestedQuery': {
      const [field, expr] = operands(node);
      if (!field || !expr)
        throw new LogsiftError('internal', 'incomplete nested query', posOf(node));
      return {
        kind: 'nested',
        path: fieldOf(field, text).name,
        expr: toFilter(expr, text),
        pos: posOf(node),
      };
    }
    case 'RangeExpression':
      return rangeOf(node, text);
    case 'FieldValueExpression': {
      const [field, values] = operands(node);
      if (!field || !values)
        throw new LogsiftError('internal', 'incomplete field query', posOf(node));
      return valuesOf(values, fieldOf(field, text), text, posOf(node));
    }
    case 'Value':
      return leaf(null, valueOf(node, text), posOf(node));
    default:
      throw new LogsiftError('internal', `unexpected ${node.name} in KQL tree`, posOf(node));
  }
}

function rangeOf(node: SyntaxNode, text: string): FilterExpr {
  const [field, op, value] = operands(node);
  const bound = RANGE_BOUNDS[op?.firstChild?.name ?? ''];
  if (!field || !bound || !value)
    throw new LogsiftError('internal', 'incomplete range', posOf(node));
  return {
    kind: 'range',
    field: fieldOf(field, text),
    op: bound,
    value: valueOf(value, text),
    pos: posOf(node),
  };
}

/** `field:(a or b and not c)` gives the field to every value, keeping the boolean shape. */
function valuesOf(node: SyntaxNode, field: SearchField, text: string, pos: Position): FilterExpr {
  switch (node.name) {
    case 'OrValues':
    case 'AndValues':
      return {
        kind: node.name === 'OrValues' ? 'or' : 'and',
        operands: operands(node).map((c) => valuesOf(c, field, text, posOf(c))),
        pos: posOf(node),
      };
    case 'NotValues':
      return {
        kind: 'not',
        operand: valuesOf(only(node), field, text, posOf(node)),
        pos: posOf(node),
      };
    case 'ValueGroup': {
      const inner = only(node);
      return valuesOf(inner, field, text, posOf(inner));
    }
    default:
      return leaf(field, valueOf(node, text), pos);
  }
}

/** Kibana's `is`: a lone `*` value asks whether the field exists; `*:*` matches everything. */
function leaf(field: SearchField | null, value: SearchValue, pos: Position): FilterExpr {
  const lone = value.kind === 'wildcard' && value.parts.length === 2 && value.parts.join('') === '';
  if (!lone || !field) return { kind: 'is', field, value, pos };
  if (field.wildcard && field.name === '*') return { kind: 'all', pos };
  return { kind: 'exists', field, pos };
}

function valueOf(node: SyntaxNode, text: string): SearchValue {
  const literal = node.firstChild ?? node;
  const source = text.slice(literal.from, literal.to);
  if (literal.name === 'QuotedString') return { kind: 'phrase', value: decodeQuoted(source) };
  return decodeUnquoted(source);
}

function fieldOf(node: SyntaxNode, text: string): SearchField {
  const value = valueOf(node, text);
  const pos = posOf(node);
  if (value.kind === 'wildcard') return { name: value.parts.join('*'), wildcard: true, pos };
  return { name: String(value.value), wildcard: false, pos };
}
