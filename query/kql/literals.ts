import type { SearchValue } from '../ir';
import { isKqlSpecial } from './tokens';

const WHITESPACE_ESCAPES: Record<string, string> = { t: '\t', r: '\r', n: '\n' };

function unicodeAt(text: string, i: number): string | undefined {
  const digits = text.slice(i + 2, i + 6);
  return text[i + 1] === 'u' && /^[0-9a-fA-F]{4}$/.test(digits)
    ? String.fromCharCode(parseInt(digits, 16))
    : undefined;
}

/** `"…"`: `\\ \" \t \r \n \uXXXX` are escapes; any other backslash is kept, as Kibana does. */
export function decodeQuoted(source: string): string {
  const body = source.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i] ?? '';
    const next = body[i + 1] ?? '';
    if (c !== '\\') {
      out += c;
    } else if (next in WHITESPACE_ESCAPES) {
      out += WHITESPACE_ESCAPES[next];
      i++;
    } else if (unicodeAt(body, i) !== undefined) {
      out += unicodeAt(body, i);
      i += 5;
    } else if (next === '\\' || next === '"') {
      out += next;
      i++;
    } else {
      out += c;
    }
  }
  return out;
}

/** The escape at `i` (the tokenizer only lets valid ones through). */
function unquotedEscape(source: string, i: number): { text: string; length: number } {
  const next = source[i + 1] ?? '';
  const whitespace = WHITESPACE_ESCAPES[next];
  if (whitespace) return { text: whitespace, length: 2 };
  if (next && isKqlSpecial(next.charCodeAt(0))) return { text: next, length: 2 };
  const unicode = unicodeAt(source, i);
  if (unicode !== undefined) return { text: unicode, length: 6 };
  const keyword = /^(or|and|not)/i.exec(source.slice(i + 1))?.[0] ?? '';
  return { text: keyword, length: 1 + keyword.length };
}

/**
 * An unquoted literal, decoded in Kibana's order (escaped whitespace, special character, unicode,
 * keyword), trimmed, then typed: `null`/`true`/`false` become values, an unescaped `*` a wildcard.
 */
export function decodeUnquoted(source: string): SearchValue {
  const parts: string[] = [''];
  for (let i = 0; i < source.length; i++) {
    const c = source[i] ?? '';
    if (c === '*') {
      parts.push('');
      continue;
    }
    const escape = c === '\\' ? unquotedEscape(source, i) : { text: c, length: 1 };
    parts[parts.length - 1] += escape.text;
    i += escape.length - 1;
  }
  // Kibana trims the whole sequence, wildcards included.
  parts[0] = (parts[0] ?? '').trimStart();
  parts[parts.length - 1] = (parts[parts.length - 1] ?? '').trimEnd();
  if (parts.length > 1) return { kind: 'wildcard', parts };
  const text = parts[0] ?? '';
  if (text === 'null') return { kind: 'literal', value: null };
  if (text === 'true') return { kind: 'literal', value: true };
  if (text === 'false') return { kind: 'literal', value: false };
  return { kind: 'literal', value: text };
}
