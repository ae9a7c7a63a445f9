import type { Language } from '../../model';
import { sanitizeLabel } from '../../query/engine/parsers';
import { fieldName as insightsField, valueLiteral } from '../../query/insights/literals';
import { escapeKqlField, quoteKql } from './completion/kqlCompletions';

/**
 * A facet click written into the query in the editor's language: filter for, or out, one value
 * of one field, quoted and escaped so the query still parses to exactly that filter.
 */

/** Go's strconv.Unquote reads what JSON.stringify writes (`\"`, `\\`, `\n`, `\uXXXX`). */
export function quoteLogQL(value: string): string {
  return JSON.stringify(value);
}

/** The everything-selector the editor starts with; it only stays while no positive matcher is. */
const MATCH_ALL = '{job=~".+"}';
const MATCH_ALL_MATCHER = /^\w+\s*=~\s*"\.[+*]"$/;
const MATCHER = /\s*([A-Za-z_][A-Za-z0-9_]*)\s*(=~|!~|!=|=)\s*("(?:[^"\\]|\\.)*"|`[^`]*`)\s*/y;

/** The `{…}` a log query starts with, its end found past strings that hold `}` or `,`. */
function selectorOf(query: string): { from: number; to: number; matchers: string[] } | undefined {
  const from = query.search(/\S/);
  if (from < 0 || query[from] !== '{') return undefined;
  const matchers: string[] = [];
  let at = from + 1;
  for (;;) {
    MATCHER.lastIndex = at;
    const found = MATCHER.exec(query);
    if (!found) {
      const end = /\s*\}/y;
      end.lastIndex = at;
      return end.exec(query) ? { from, to: end.lastIndex, matchers } : undefined;
    }
    matchers.push(found[0].trim());
    at = MATCHER.lastIndex;
    if (query[at] === ',') at++;
  }
}

const matcherName = (matcher: string): string => /^[A-Za-z_][A-Za-z0-9_]*/.exec(matcher)?.[0] ?? '';
const isPositive = (matcher: string): boolean =>
  /^[A-Za-z_][A-Za-z0-9_]*\s*(=|=~)/.test(matcher) && !/=\s*""$/.test(matcher);

/**
 * Stream labels go into the `{…}` selector (replacing a matcher of that label), other fields
 * become a label filter stage at the end of the pipeline, under the name Loki's parsers give
 * them (`kubernetes.pod-name` → `kubernetes_pod_name`: a label name is [A-Za-z0-9_]).
 */
export function addFilter(
  query: string,
  field: string,
  value: string,
  exclude: boolean,
  isStreamLabel: boolean,
): string {
  const op = exclude ? '!=' : '=';
  const name = sanitizeLabel(field);
  const matcher = `${name}${op}${quoteLogQL(value)}`;
  const selector = selectorOf(query);
  if (!isStreamLabel || !selector) {
    const opposite = ` | ${name}${exclude ? '=' : '!='}${quoteLogQL(value)}`;
    if (query.includes(` | ${matcher}`)) return query;
    if (query.includes(opposite)) return query.replace(opposite, ` | ${matcher}`);
    const base = query.trim() || MATCH_ALL;
    return `${base} | ${matcher}`;
  }
  const others = selector.matchers.filter((m) => matcherName(m) !== name);
  const kept = others.filter((m) => !MATCH_ALL_MATCHER.test(m));
  // Loki needs one matcher that selects something: an exclusion alone keeps the match-all one.
  const needsAll = !isPositive(matcher) && !kept.some(isPositive);
  const all = selector.matchers.find((m) => MATCH_ALL_MATCHER.test(m)) ?? 'job=~".+"';
  const next = [...(needsAll ? [all] : []), ...kept, matcher];
  const rest = query.slice(selector.to);
  return `${query.slice(0, selector.from)}{${next.join(', ')}}${rest}`;
}

/** How KQL and Lucene write a clause, its negation and a conjunction. */
interface SearchSyntax {
  quote(value: string): string;
  field(name: string): string;
  not: string;
  and: string;
  /** Whether the query has a top-level-looking `or`, which would bind looser than the filter. */
  hasOr: RegExp;
}

const KQL: SearchSyntax = {
  quote: quoteKql,
  field: escapeKqlField,
  not: 'not ',
  and: ' and ',
  hasOr: /\bor\b/i,
};

const LUCENE: SearchSyntax = {
  // Lucene's phrase escapes are KQL's: `"` and `\`.
  quote: quoteKql,
  field: (name) => name.replace(/[+\-=&|><!(){}[\]^"~*?:\\/\s]/g, '\\$&'),
  not: 'NOT ',
  and: ' AND ',
  hasOr: /\bOR\b|\|\|/,
};

/**
 * `field:"value"` (or its negation) joined to the query with `and`, as Kibana's filter pills
 * mean; clicking the other way flips a clause already there instead of adding its opposite.
 */
function addSearchFilter(
  syntax: SearchSyntax,
  query: string,
  field: string,
  value: string,
  exclude: boolean,
): string {
  const positive = `${syntax.field(field)}:${syntax.quote(value)}`;
  const negative = `${syntax.not}${positive}`;
  const text = query.trim();
  if (text.includes(negative)) return exclude ? text : text.replace(negative, positive);
  if (text.includes(positive)) return exclude ? text.replace(positive, negative) : text;
  const clause = exclude ? negative : positive;
  if (!text) return clause;
  // `a or b and c` reads as `a or (b and c)`: the filter has to hold for the whole query.
  const base = syntax.hasOr.test(text) ? `(${text})` : text;
  return `${base}${syntax.and}${clause}`;
}

/**
 * A `filter` command after the query: commands run in order, so it narrows whatever came
 * before; clicking the other way flips the one already there. A field name holding a
 * backquote cannot be written in Insights at all, so that click leaves the query as it is.
 */
function addInsightsFilter(query: string, field: string, value: string, exclude: boolean): string {
  let name: string;
  try {
    name = insightsField(field);
  } catch {
    return query;
  }
  // Numbers stand bare, as Insights compares them; `007` or `1.50` stay strings.
  const literal = valueLiteral(value);
  const command = (op: string) => `filter ${name} ${op} ${literal}`;
  const wanted = command(exclude ? '!=' : '=');
  const opposite = command(exclude ? '=' : '!=');
  const text = query.trim();
  if (text.includes(wanted)) return text;
  if (text.includes(opposite)) return text.replace(opposite, wanted);
  return text ? `${text}\n| ${wanted}` : wanted;
}

/** A facet click in the language the editor is in. */
export function addFilterIn(
  language: Language,
  query: string,
  field: string,
  value: string,
  exclude: boolean,
  isStreamLabel: boolean,
): string {
  switch (language) {
    case 'kql':
      return addSearchFilter(KQL, query, field, value, exclude);
    case 'lucene':
      return addSearchFilter(LUCENE, query, field, value, exclude);
    case 'insights':
      return addInsightsFilter(query, field, value, exclude);
    case 'logql':
      return addFilter(query, field, value, exclude, isStreamLabel);
  }
}
