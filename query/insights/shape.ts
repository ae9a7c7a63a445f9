import { LogsiftError } from '../../model';
import type { FilterExpr, SearchQueryIR } from '../ir';
import type { InsightsCommand, InsightsQuery } from './commands';
import { untranslatable } from './filterToSearch';
import type { InsightsSelection } from './queries';

/** What a datasource needs to know of an Insights query before it sends it. */
export interface InsightsShape {
  /** Has `stats`: its rows are aggregates, not log records. */
  aggregate: boolean;
  /** How many rows the query's own `limit`s let through after its last `stats`, if any. */
  limit: number | undefined;
  /** Has its own `sort`. */
  sorted: boolean;
  /** Has its own `fields` or `display`. */
  projected: boolean;
  /** The commands before any `stats` that choose records, for the histogram and facets. */
  selection: InsightsSelection;
}

const CHOOSING = new Set<InsightsCommand['kind']>(['filter', 'parse', 'fields']);

export function insightsShape(query: InsightsQuery): InsightsShape {
  const kinds = query.commands.map((c) => c.kind);
  const firstStats = kinds.indexOf('stats');
  const before = firstStats < 0 ? query.commands : query.commands.slice(0, firstStats);
  const lastStats = kinds.lastIndexOf('stats');
  const limits = query.commands
    .slice(lastStats + 1)
    .flatMap((c) => (c.kind === 'limit' ? [c.count] : []));
  return {
    aggregate: firstStats >= 0,
    limit: limits.length > 0 ? Math.min(...limits) : undefined,
    sorted: kinds.includes('sort'),
    projected: kinds.includes('fields') || kinds.includes('display'),
    selection: before
      .filter((c) => CHOOSING.has(c.kind))
      .map((c) => query.text.slice(c.pos.from, c.pos.to)),
  };
}

const REFUSED: Partial<Record<InsightsCommand['kind'], string>> = {
  stats: ' (Logsift draws counts over time as the histogram)',
  parse: ' (the fields it extracts exist only inside this query)',
  dedup: '',
  other: '',
};

/**
 * The records an Insights query keeps, as the search IR, for a translation to KQL or LogQL.
 * `fields`, `display`, `sort` and `limit` shape the answer, not which records match, and are left
 * to the target; what changes the records and has no equivalent is refused by name.
 */
export function insightsToSearch(query: InsightsQuery): SearchQueryIR {
  const computed = new Set<string>();
  const operands: FilterExpr[] = [];
  for (const command of query.commands) {
    const hint = REFUSED[command.kind];
    if (hint !== undefined) {
      const name = command.kind === 'other' ? command.name : command.kind;
      throw untranslatable(`command ${name}`, command.pos, hint);
    }
    if (command.kind === 'fields') {
      for (const item of command.items) if (item.alias) computed.add(item.alias);
    }
    if (command.kind !== 'filter') continue;
    if ('refusal' in command.search) {
      const { reason, pos } = command.search.refusal;
      throw new LogsiftError('unsupported', reason, pos);
    }
    refuseComputed(command.search.filter, computed);
    operands.push(command.search.filter);
  }
  const filter =
    operands.length > 1 ? { kind: 'and' as const, operands, pos: query.pos } : operands[0];
  return { kind: 'search', filter: filter ?? null, pos: query.pos };
}

/** A name `fields … as` computed is no field of the records. */
function refuseComputed(expr: FilterExpr, computed: Set<string>): void {
  if (expr.kind === 'and' || expr.kind === 'or') {
    for (const operand of expr.operands) refuseComputed(operand, computed);
  } else if (expr.kind === 'not') {
    refuseComputed(expr.operand, computed);
  } else if ('field' in expr && expr.field && computed.has(expr.field.name)) {
    throw untranslatable(
      `field ${expr.field.name}`,
      expr.field.pos,
      ', as fields … as computes it',
    );
  }
}
