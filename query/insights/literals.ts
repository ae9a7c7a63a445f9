import { LogsiftError, type Position } from '../../model';

/** Words the grammar reserves: a field with one of these names must be backquoted. */
const RESERVED = new Set(['and', 'or', 'not', 'like', 'in', 'as', 'by', 'asc', 'desc']);

/** `"…"` or `'…'`: a backslash escapes the next character. */
export function decodeString(source: string): string {
  return source.slice(1, -1).replace(/\\(.)/gs, '$1');
}

/** `/…/`: only `\/` is the literal's own escape; every other backslash belongs to the regex. */
export function decodeRegex(source: string): string {
  return source.slice(1, -1).replace(/\\\//g, '/');
}

/** A field or alias as written, without its backquotes. */
export function decodeName(source: string): string {
  return source.startsWith('`') ? source.slice(1, -1) : source;
}

export function quoteString(text: string): string {
  return `"${text.replace(/[\\"]/g, '\\$&')}"`;
}

/** A regex literal; a newline cannot stand inside one, so it is written as `\n`. */
export function regexLiteral(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] ?? '';
    if (c === '\\') {
      out += c + (pattern[i + 1] ?? '');
      i++;
    } else if (c === '/') out += '\\/';
    else if (c === '\n') out += '\\n';
    else out += c;
  }
  return `/${out}/`;
}

/** Names of letters, digits, `_`, `@` and `.` stand bare; any other needs backquotes. */
export function fieldName(name: string, pos?: Position): string {
  if (/^[A-Za-z_@][A-Za-z0-9_@.]*$/.test(name) && !RESERVED.has(name.toLowerCase())) return name;
  if (name.includes('`')) {
    throw new LogsiftError(
      'unsupported',
      `the field name ${name} holds a backquote, which a Logs Insights name cannot`,
      pos,
    );
  }
  return `\`${name}\``;
}

/**
 * A value as Insights reads it: a number written as JavaScript writes it stands bare; anything
 * else, `007` or `1.50` too, stays a string, so an id keeps its digits.
 */
export function valueLiteral(text: string): string {
  return /^-?\d/.test(text) && String(Number(text)) === text ? text : quoteString(text);
}

/** Escapes every regex metacharacter, so the text matches itself. */
export function regexEscape(text: string): string {
  return text.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}
