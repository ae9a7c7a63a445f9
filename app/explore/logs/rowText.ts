/** Characters of a line drawn on one unwrapped row: far more than a screen is wide. */
export const NOWRAP_CHARS = 2_000;
/** Characters drawn of a wrapped line: a 1 MB line would be thousands of rows tall. */
export const WRAP_CHARS = 20_000;
/** Lines longer than this are not parsed for prettifying: parse and layout would stall a frame. */
export const PRETTIFY_MAX_CHARS = 64_000;
/** Lines of prettified JSON drawn before the rest is summarized. */
export const PRETTY_MAX_LINES = 300;

export interface RowText {
  text: string;
  /** Characters (or, prettified, lines) of the line that are not drawn. */
  hidden: number;
  hiddenUnit: 'chars' | 'lines';
  pretty: boolean;
}

/** The line as indented JSON, when it is an object or array small enough to parse quickly. */
export function prettifyJson(line: string): string | undefined {
  if (line.length > PRETTIFY_MAX_CHARS) return undefined;
  const trimmed = line.trim();
  const first = trimmed[0];
  const last = trimmed.at(-1);
  if (!((first === '{' && last === '}') || (first === '[' && last === ']'))) return undefined;
  try {
    return JSON.stringify(JSON.parse(trimmed), null, 2);
  } catch {
    return undefined;
  }
}

/** What a row draws of a line: capped, and prettified when asked and possible. */
export function rowText(line: string, wrap: boolean, prettify: boolean): RowText {
  const pretty = wrap && prettify ? prettifyJson(line) : undefined;
  if (pretty !== undefined) {
    let end = -1;
    let lines = 0;
    while (lines < PRETTY_MAX_LINES) {
      end = pretty.indexOf('\n', end + 1);
      if (end === -1) break;
      lines++;
    }
    if (end === -1 && pretty.length <= WRAP_CHARS) {
      return { text: pretty, hidden: 0, hiddenUnit: 'lines', pretty: true };
    }
    const cut = Math.min(end === -1 ? pretty.length : end, WRAP_CHARS);
    const rest = pretty.slice(cut).split('\n').length - 1;
    return { text: pretty.slice(0, cut), hidden: rest, hiddenUnit: 'lines', pretty: true };
  }
  const max = wrap ? WRAP_CHARS : NOWRAP_CHARS;
  if (line.length <= max) return { text: line, hidden: 0, hiddenUnit: 'chars', pretty: false };
  return {
    text: line.slice(0, max),
    hidden: line.length - max,
    hiddenUnit: 'chars',
    pretty: false,
  };
}

const cache = new WeakMap<object, Map<string, RowText>>();

/**
 * rowText kept per record and variant: a row scrolled back into view, or rendered again for
 * a selection change, does not parse its JSON again.
 */
export function cachedRowText(record: { line: string }, wrap: boolean, prettify: boolean): RowText {
  let variants = cache.get(record);
  if (!variants) {
    variants = new Map();
    cache.set(record, variants);
  }
  const key = `${wrap ? 'w' : ''}${prettify ? 'p' : ''}`;
  let text = variants.get(key);
  if (!text) {
    text = rowText(record.line, wrap, prettify);
    variants.set(key, text);
  }
  return text;
}
