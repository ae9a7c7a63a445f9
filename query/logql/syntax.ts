import type { SyntaxNode, Tree } from '@lezer/common';
import { LogsiftError, type Position } from '../../model';

export function posOf(node: SyntaxNode): Position {
  return { from: node.from, to: node.to };
}

export function childrenOf(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) out.push(child);
  return out;
}

export function child(node: SyntaxNode, name: string): SyntaxNode | null {
  return node.getChild(name);
}

export function requireChild(node: SyntaxNode, name: string, text: string): SyntaxNode {
  const found = node.getChild(name);
  if (!found) throw unsupported(node, text);
  return found;
}

const quoted = (node: SyntaxNode, text: string): string => {
  const source = text.slice(node.from, node.to).trim();
  return `"${source.length > 40 ? `${source.slice(0, 40)}…` : source || node.name}"`;
};

/**
 * What to call a construct and where to mark it. Some are named by their kind, since their
 * whole text (a long expression around an operator) would not tell the user which part is
 * refused; the rest by their source text, which the user recognises.
 */
function described(node: SyntaxNode, text: string): { name: string; at: SyntaxNode } {
  const first = node.firstChild;
  switch (node.name) {
    case 'BinOpExpr': {
      const op = childrenOf(node).find((c) => c.name !== 'Expr' && c.name !== 'BinOpModifier');
      if (op) return { name: `binary operator ${quoted(op, text)}`, at: op };
      break;
    }
    case 'VectorExpr':
    case 'LabelReplaceExpr':
      if (first) return { name: `function ${quoted(first, text)}`, at: node };
      break;
    case 'LiteralExpr':
      return { name: `number ${quoted(node, text)} on its own`, at: node };
    case 'LogfmtParserFlags':
      return { name: `logfmt flag ${quoted(node, text)}`, at: node };
  }
  return { name: `construct ${quoted(node, text)}`, at: node };
}

export function unsupported(node: SyntaxNode, text: string): LogsiftError {
  const { name, at } = described(node, text);
  return new LogsiftError('unsupported', `LogQL ${name} is not supported yet`, posOf(at));
}

/** Turns the first syntax error of a lezer tree into a message a person can act on. */
export function firstSyntaxError(tree: Tree, text: string): LogsiftError | undefined {
  let error: SyntaxNode | undefined;
  tree.iterate({
    enter(ref) {
      if (error) return false;
      if (ref.type.isError) {
        error = ref.node;
        return false;
      }
      return undefined;
    },
  });
  if (!error) return undefined;
  return describeError(error, text);
}

function describeError(node: SyntaxNode, text: string): LogsiftError {
  const rest = text.slice(node.from);
  const quote = /^\s*(["`])/.exec(rest);
  if (quote?.[1] && !rest.trimStart().slice(1).includes(quote[1])) {
    const from = node.from + rest.indexOf(quote[1]);
    return new LogsiftError('bad_query', 'unterminated string', { from, to: text.length });
  }
  if (node.from < node.to && node.from < text.trimEnd().length) {
    const token = text.slice(node.from, node.to).trim().split(/\s+/)[0] ?? '';
    const from = node.from + text.slice(node.from).indexOf(token);
    return new LogsiftError('bad_query', `unexpected "${token}"${expectation(node)}`, {
      from,
      to: from + Math.max(1, token.length),
    });
  }
  // An empty error node sits after the token that could not be completed: point at that token.
  const before = text.slice(0, node.from).trimEnd();
  const tokenMatch = /("[^"]*"|`[^`]*`|[A-Za-z0-9_.\-:]+|[^\s])$/.exec(before);
  const token = tokenMatch?.[1] ?? '';
  const from = before.length - token.length;
  const atEnd = text.slice(node.from).trim() === '';
  const where = atEnd
    ? 'unexpected end of query'
    : `unexpected "${text.slice(node.from).trim()[0]}"`;
  const message = token
    ? `${where} after ${/^["`]/.test(token) ? token : `"${token}"`}${expectation(node)}`
    : `${where}${expectation(node)}`;
  return new LogsiftError('bad_query', message, { from, to: Math.max(from + 1, before.length) });
}

function expectation(node: SyntaxNode): string {
  const ancestors = new Set<string>();
  for (let parent = node.parent; parent; parent = parent.parent) ancestors.add(parent.name);
  if (ancestors.has('Grouping')) return ' — expected label names in parentheses';
  if (ancestors.has('LineFilter') || ancestors.has('LineFilters')) {
    return ' — expected a quoted string after the line filter';
  }
  if (ancestors.has('PipelineStage') || ancestors.has('PipelineExpr')) {
    return ' — expected a parser (json, logfmt, regexp, pattern, unpack), a line filter or a label filter like name="value"';
  }
  if (ancestors.has('LogRangeExpr') || ancestors.has('RangeAggregationExpr')) {
    return ' — expected a log selector and a range like [5m]';
  }
  if (ancestors.has('Selector')) {
    return ' — expected a label matcher like name="value" and a closing "}"';
  }
  return '';
}
