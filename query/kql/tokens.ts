import { ExternalTokenizer, type InputStream, type Stack } from '@lezer/lr';
import { And, Not, Or, UnquotedLiteral } from './parser.terms';

const BACKSLASH = 92;
const LOWER_U = 117;

/** Kibana's Space: space, tab, CR, LF and no-break space. */
export function isKqlSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 13 || code === 10 || code === 0xa0;
}

/** `\ ( ) : < > " * { }`: they end an unquoted literal unless escaped (`*` is a wildcard). */
export function isKqlSpecial(code: number): boolean {
  return '\\():<>"*{}'.includes(String.fromCharCode(code));
}

function isHex(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 70) || (code >= 97 && code <= 102);
}

/** Case-insensitive `word` at offset, followed by whitespace when `spaced`. */
function wordAt(input: InputStream, offset: number, word: string, spaced: boolean): boolean {
  for (let i = 0; i < word.length; i++) {
    const code = input.peek(offset + i);
    if (code < 0 || String.fromCharCode(code).toLowerCase() !== word[i]) return false;
  }
  return !spaced || isKqlSpace(input.peek(offset + word.length));
}

/** Length of a valid escape at offset (the backslash included), or 0. Same order as Kibana. */
function escapeLength(input: InputStream, offset: number): number {
  const next = input.peek(offset + 1);
  if (next === 116 || next === 114 || next === 110) return 2; // \t \r \n
  if (next >= 0 && isKqlSpecial(next)) return 2;
  if (next === LOWER_U && [2, 3, 4, 5].every((i) => isHex(input.peek(offset + i)))) return 6;
  for (const keyword of ['or', 'and', 'not']) {
    if (wordAt(input, offset + 1, keyword, false)) return 1 + keyword.length;
  }
  return 0;
}

/**
 * Kibana's `!Keyword` look-ahead: ` or `, ` and ` (at a space) and `not ` end a literal, so
 * `a or b` is two literals while `a orb` and `a nota` are one.
 */
function keywordAt(input: InputStream, offset: number): boolean {
  const code = input.peek(offset);
  if (isKqlSpace(code)) {
    return wordAt(input, offset + 1, 'or', true) || wordAt(input, offset + 1, 'and', true);
  }
  return wordAt(input, offset, 'not', true);
}

function literalEnd(input: InputStream): number {
  let end = 0;
  for (let i = 0; ;) {
    const code = input.peek(i);
    if (code < 0 || keywordAt(input, i)) return end;
    if (code === BACKSLASH) {
      const length = escapeLength(input, i);
      if (length === 0) return end;
      i += length;
      end = i;
    } else if (isKqlSpace(code)) {
      // Inner whitespace belongs to the literal; trailing whitespace is trimmed as Kibana does.
      i++;
    } else if (code !== 42 && isKqlSpecial(code)) {
      return end;
    } else {
      i++;
      end = i;
    }
  }
}

function keywordToken(input: InputStream, stack: Stack): { token: number; length: number } | null {
  const spaceBefore = isKqlSpace(input.peek(-1));
  if (spaceBefore && wordAt(input, 0, 'or', true) && stack.canShift(Or)) {
    return { token: Or, length: 2 };
  }
  if (spaceBefore && wordAt(input, 0, 'and', true) && stack.canShift(And)) {
    return { token: And, length: 3 };
  }
  if (wordAt(input, 0, 'not', true) && stack.canShift(Not)) return { token: Not, length: 3 };
  return null;
}

export const kqlTokens = new ExternalTokenizer(
  (input, stack) => {
    if (input.next < 0 || isKqlSpace(input.next)) return;
    const keyword = keywordToken(input, stack);
    if (keyword) {
      input.acceptToken(keyword.token, keyword.length);
      return;
    }
    const end = literalEnd(input);
    if (end > 0) input.acceptToken(UnquotedLiteral, end);
  },
  { contextual: true },
);
