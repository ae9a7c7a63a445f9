import type { SyntaxNode } from '@lezer/common';
import { LogsiftError } from '../../model';
import { childrenOf, posOf } from '../logql/syntax';
import type {
  InsightsAggregate,
  InsightsCommand,
  InsightsGroup,
  InsightsItem,
  InsightsQuery,
} from './commands';
import { binPeriodMs } from './durations';
import { syntaxError } from './errors';
import { filterToSearch } from './filterToSearch';
import { decodeName, decodeRegex, decodeString } from './literals';
import { parser } from './parser';

/**
 * Parses Logs Insights QL into its commands; throws LogsiftError('bad_query') with the position of
 * the first mistake. Filters carry their search IR, or why they have none.
 */
export function parseInsights(text: string): InsightsQuery {
  const tree = parser.parse(text);
  const error = syntaxError(tree, text);
  if (error) throw error;
  const commands = childrenOf(tree.topNode)
    .filter((node) => node.name !== '|' && node.name !== 'Comment')
    .map((node) => command(node, text));
  if (commands.length === 0) {
    throw new LogsiftError(
      'bad_query',
      'the query is empty: start with a command like fields or filter',
      {
        from: 0,
        to: text.length,
      },
    );
  }
  return { kind: 'insights', text, commands, pos: { from: 0, to: text.length } };
}

const source = (node: SyntaxNode, text: string): string => text.slice(node.from, node.to);

function command(node: SyntaxNode, text: string): InsightsCommand {
  const pos = posOf(node);
  switch (node.name) {
    case 'FieldsCommand':
      return {
        kind: 'fields',
        items: node.getChildren('Projection').map((n) => item(n, text)),
        pos,
      };
    case 'DisplayCommand':
    case 'DedupCommand':
      return {
        kind: node.name === 'DisplayCommand' ? 'display' : 'dedup',
        items: listed(node).map((n) => item(n, text)),
        pos,
      };
    case 'FilterCommand':
      return filter(node, text);
    case 'ParseCommand':
      return parse(node, text);
    case 'StatsCommand':
      return stats(node, text);
    case 'SortCommand':
      return {
        kind: 'sort',
        keys: node.getChildren('SortKey').map((key) => {
          const direction = key.getChild('Asc') ? 'asc' : key.getChild('Desc') ? 'desc' : undefined;
          return { ...item(key, text), ...(direction ? { direction } : {}) };
        }),
        pos,
      };
    case 'LimitCommand':
      return { kind: 'limit', count: Number(source(node.getChild('Number') ?? node, text)), pos };
    default:
      return { kind: 'other', name: source(node.firstChild ?? node, text), pos };
  }
}

/** The expressions of a command, without its keyword and commas. */
function listed(node: SyntaxNode): SyntaxNode[] {
  return childrenOf(node)
    .slice(1)
    .filter((c) => c.name !== ',');
}

/** An expression with its `as` alias; `node` is either the expression or its wrapper. */
function item(node: SyntaxNode, text: string): InsightsItem {
  const expression = ['Projection', 'Aggregate', 'Group', 'SortKey'].includes(node.name)
    ? (node.firstChild ?? node)
    : node;
  const alias = node.getChild('Alias');
  return {
    expression: source(expression, text),
    ...(expression.name === 'Field' ? { field: decodeName(source(expression, text)) } : {}),
    ...(alias ? { alias: decodeName(source(alias, text)) } : {}),
    pos: posOf(node),
  };
}

function filter(node: SyntaxNode, text: string): InsightsCommand {
  const condition = node.lastChild ?? node;
  let search: Extract<InsightsCommand, { kind: 'filter' }>['search'];
  try {
    search = { filter: filterToSearch(condition, text) };
  } catch (error) {
    if (!(error instanceof LogsiftError)) throw error;
    search = { refusal: { reason: error.message, pos: error.position ?? posOf(condition) } };
  }
  return { kind: 'filter', condition: source(condition, text), search, pos: posOf(node) };
}

function parse(node: SyntaxNode, text: string): InsightsCommand {
  const field = node.getChild('Field');
  const glob = node.getChild('GlobPattern');
  const regex = node.getChild('RegexPattern');
  const aliases = node.getChildren('Alias').map((a) => decodeName(source(a, text)));
  const common = { source: field ? decodeName(source(field, text)) : '@message', pos: posOf(node) };
  if (glob) {
    const pattern = decodeString(source(glob, text));
    const stars = pattern.split('*').length - 1;
    if (stars !== aliases.length) {
      throw new LogsiftError(
        'bad_query',
        `this pattern has ${stars} * but ${aliases.length} names after as: give one name to each *`,
        posOf(node),
      );
    }
    return { kind: 'parse', mode: 'glob', pattern, names: aliases, ...common };
  }
  if (regex) {
    const pattern = decodeRegex(source(regex, text));
    const names = [...pattern.matchAll(/\(\?<([A-Za-z][A-Za-z0-9_]*)>/g)].map((m) => m[1] ?? '');
    const multi = node.getChild('Multi') ? { multi: true as const } : {};
    return { kind: 'parse', mode: 'regex', pattern, names, ...multi, ...common };
  }
  return { kind: 'parse', mode: 'logfmt', pattern: '', names: aliases, ...common };
}

function stats(node: SyntaxNode, text: string): InsightsCommand {
  const aggregates = node.getChildren('Aggregate').map((n): InsightsAggregate => {
    const call = n.firstChild?.name === 'Call' ? n.firstChild : null;
    const args = call ? listed(call.getChild('ArgList') ?? call).filter((a) => a.name !== ')') : [];
    return {
      ...item(n, text),
      ...(call ? { function: source(call.firstChild ?? call, text).toLowerCase() } : {}),
      arguments: args.map((a) => source(a, text)),
    };
  });
  const groups = node.getChildren('Group').map((n): InsightsGroup => {
    const group = item(n, text);
    const call = n.firstChild;
    const name = call?.name === 'Call' ? source(call.firstChild ?? call, text).toLowerCase() : '';
    const period = call?.getChild('ArgList')?.getChild('Duration');
    if (name !== 'bin' || !period) return group;
    const ms = binPeriodMs(source(period, text));
    return { ...group, bin: { period: source(period, text), ...(ms === undefined ? {} : { ms }) } };
  });
  return { kind: 'stats', aggregates, groups, pos: posOf(node) };
}
