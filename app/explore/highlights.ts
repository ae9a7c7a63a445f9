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

export interface Piece {
  text: string;
  hit: boolean;
}

/** Splits text around case-sensitive occurrences of the terms, as `|=` matches them. */
export function splitByTerms(text: string, terms: readonly string[]): Piece[] {
  if (terms.length === 0) return [{ text, hit: false }];
  const pieces: Piece[] = [];
  let at = 0;
  while (at < text.length) {
    let next = -1;
    let length = 0;
    for (const term of terms) {
      const i = text.indexOf(term, at);
      if (i !== -1 && (next === -1 || i < next || (i === next && term.length > length))) {
        next = i;
        length = term.length;
      }
    }
    if (next === -1) break;
    if (next > at) pieces.push({ text: text.slice(at, next), hit: false });
    pieces.push({ text: text.slice(next, next + length), hit: true });
    at = next + length;
  }
  if (at < text.length) pieces.push({ text: text.slice(at), hit: false });
  return pieces;
}
