/** Edits a LogQL query the way a facet click means it: filter for, or out, one value. */
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
