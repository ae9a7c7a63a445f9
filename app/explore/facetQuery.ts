import type { Language } from '../../model';
import { escapeKqlField, quoteKql } from './completion/kqlCompletions';

/** Edits a query the way a facet click means it: filter for, or out, one value. */
export function quoteLogQL(value: string): string {
  return JSON.stringify(value);
}

const SELECTOR = /^\s*\{([^}]*)\}/;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Stream labels go into the `{…}` selector (replacing a matcher of that label), other
 * fields become a label filter stage at the end of the pipeline.
 */
export function addFilter(
  query: string,
  field: string,
  value: string,
  exclude: boolean,
  isStreamLabel: boolean,
): string {
  const op = exclude ? '!=' : '=';
  const matcher = `${field}${op}${quoteLogQL(value)}`;
  const selector = SELECTOR.exec(query);
  if (!isStreamLabel || !selector) {
    const base = query.trim() || '{job=~".+"}';
    return `${base} | ${matcher}`;
  }
  const inner = selector[1] ?? '';
  const existing = new RegExp(
    `(^|,)\\s*${escapeRegExp(field)}\\s*(=~|!~|!=|=)\\s*("(?:[^"\\\\]|\\\\.)*"|\`[^\`]*\`)\\s*(?=,|$)`,
  );
  let next: string;
  if (existing.test(inner)) {
    next = inner.replace(existing, (_m, lead: string) => `${lead}${lead ? ' ' : ''}${matcher}`);
  } else {
    const matchers = inner
      .split(',')
      .map((m) => m.trim())
      .filter(Boolean);
    // `{job=~".+"}` only exists to select everything: a real matcher replaces it.
    const kept = matchers.filter((m) => !/^\w+\s*=~\s*"\.[+*]"$/.test(m));
    next = [...kept, matcher].join(', ');
  }
  return query.replace(SELECTOR, `{${next}}`);
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
    default:
      return addFilter(query, field, value, exclude, isStreamLabel);
  }
}
