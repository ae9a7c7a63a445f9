/** What the panel shows of a value at first: a 1 MB line would stall layout and selection. */
export const SHOWN_CHARS = 10_000;

/** JSON objects and arrays indented for reading; any other text as it is. */
export function prettyText(text: string): { text: string; json: boolean } {
  const start = text.trimStart()[0];
  if (start !== '{' && start !== '[') return { text, json: false };
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return { text, json: false };
    return { text: JSON.stringify(value, null, 2), json: true };
  } catch {
    return { text, json: false };
  }
}

/** The first SHOWN_CHARS characters, without splitting a surrogate pair. */
export function shownPart(text: string, all: boolean): { text: string; hidden: number } {
  if (all || text.length <= SHOWN_CHARS) return { text, hidden: 0 };
  const cut = /[\uD800-\uDBFF]/.test(text.charAt(SHOWN_CHARS - 1)) ? SHOWN_CHARS - 1 : SHOWN_CHARS;
  return { text: text.slice(0, cut), hidden: text.length - cut };
}
