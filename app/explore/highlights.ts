import type { Language } from '../../model';

/** What to mark in the lines: the query's literal terms, and how they match. */
export interface Highlight {
  terms: readonly string[];
  /** Elasticsearch's analysed fields match regardless of case; LogQL's `|=` does not. */
  ignoreCase: boolean;
}

/** The literal terms of a query's `|=` line filters: what Grafana highlights in the lines. */
export function highlightTerms(query: string): string[] {
  const terms: string[] = [];
  for (const match of query.matchAll(
    /\|=\s*("(?:[^"\\]|\\.)*"|`[^`]*`)(?:\s+or\s+("(?:[^"\\]|\\.)*"|`[^`]*`))*/g,
  )) {
    for (const quoted of match[0].matchAll(/"(?:[^"\\]|\\.)*"|`[^`]*`/g)) {
      const raw = quoted[0];
      try {
        const term = raw.startsWith('`') ? raw.slice(1, -1) : (JSON.parse(raw) as string);
        if (term) terms.push(term);
      } catch {
        // A half-typed string highlights nothing.
      }
    }
  }
  return terms;
}

const SEARCH_TOKEN =
  /"(?:[^"\\]|\\.)*"?|\[[^\]]*\]?|\{[^}]*\}?|[():]|[<>]=?|(?:[^\s():"<>\\]|\\.)+/g;
const KEYWORDS: Record<'kql' | 'lucene', RegExp> = {
  kql: /^(and|or|not)$/i,
  lucene: /^(AND|OR|NOT|TO|&&|\|\||!)$/,
};

/** A free-text word as it would match: no escapes, no Lucene +/- or ~/^ suffix, up to a wildcard. */
function literalOf(word: string): string {
  const bare = word.replace(/^\+/, '').replace(/[~^][\d.]*$/, '');
  const plain = /^[^*?]*/.exec(bare.replace(/\\(.)/g, '$1'))?.[0] ?? '';
  return plain.length > 1 ? plain : '';
}

/** Fields that hold the line itself in the usual mappings: their values are marked too. */
const LINE_FIELDS = new Set(['message', 'log', 'msg', '@message']);

interface Group {
  negated: boolean;
  /** `field:(a or b)`: every operand inside is a value of that field. */
  field: string | undefined;
}

/**
 * KQL's and Lucene's free-text words and phrases, and the values of the line's own field, as
 * Kibana highlights only the fields that matched: `namespace:"shop"` marks nothing in the line.
 * Field names, ranges and negated terms stay plain.
 */
export function searchTerms(language: 'kql' | 'lucene', query: string): string[] {
  const tokens = query.match(SEARCH_TOKEN) ?? [];
  const terms: string[] = [];
  const groups: Group[] = [];
  let negate = false;
  // What the next operand is: free text, a field's value, or a range bound.
  let next: 'free' | 'value' | 'range' = 'free';
  let field: string | undefined;
  tokens.forEach((token, i) => {
    const group = groups.at(-1);
    const negated = negate || (group?.negated ?? false);
    const valueOf = next === 'value' ? field : group?.field;
    if (KEYWORDS[language].test(token)) {
      negate = /^(not|!)$/i.test(token);
      return;
    }
    if (token === ':' || /^[<>]/.test(token)) {
      next = token === ':' ? 'value' : 'range';
      return;
    }
    if (token === '(') {
      groups.push({ negated, field: valueOf });
    } else if (token === ')') {
      groups.pop();
    } else if (tokens[i + 1] === ':' || /^[<>]/.test(tokens[i + 1] ?? '')) {
      field = token.replace(/\\(.)/g, '$1');
    } else if (
      !negated &&
      next !== 'range' &&
      !/^[-![{/]/.test(token) &&
      (valueOf === undefined || LINE_FIELDS.has(valueOf))
    ) {
      const term = token.startsWith('"')
        ? token.replace(/^"|"$/g, '').replace(/\\(.)/g, '$1')
        : literalOf(token);
      if (term) terms.push(term);
    }
    negate = false;
    next = 'free';
  });
  return terms;
}

/** The terms to mark for the query that ran, in its language. */
export function highlightFor(language: Language, query: string): Highlight {
  if (language === 'kql' || language === 'lucene') {
    return { terms: searchTerms(language, query), ignoreCase: true };
  }
  return { terms: language === 'logql' ? highlightTerms(query) : [], ignoreCase: false };
}

export interface Piece {
  text: string;
  hit: boolean;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Splits text around occurrences of the terms, the longest term first at a position. */
export function splitByTerms(text: string, { terms, ignoreCase }: Highlight): Piece[] {
  const wanted = terms.filter(Boolean);
  if (wanted.length === 0) return [{ text, hit: false }];
  // An alternation takes its first matching branch: longest first makes it take the longest.
  const pattern = [...wanted]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join('|');
  const pieces: Piece[] = [];
  let at = 0;
  for (const match of text.matchAll(new RegExp(pattern, ignoreCase ? 'giu' : 'gu'))) {
    if (match.index > at) pieces.push({ text: text.slice(at, match.index), hit: false });
    pieces.push({ text: match[0], hit: true });
    at = match.index + match[0].length;
  }
  if (at < text.length) pieces.push({ text: text.slice(at), hit: false });
  return pieces;
}
