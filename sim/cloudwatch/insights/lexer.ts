import { AwsError } from '../awsError';

export type TokenKind =
  'word' | 'quotedName' | 'string' | 'regex' | 'number' | 'duration' | 'op' | 'eof';

export interface Token {
  kind: TokenKind;
  /** The source text of the token. */
  text: string;
  /** Strings unescaped, regexps without slashes, names without backquotes. */
  value: string;
  start: number;
  end: number;
}

/** Milliseconds of the units `bin()` and `datefloor()` take (months and years approximated). */
export const DURATION_UNITS: Record<string, number> = {
  ms: 1,
  s: 1_000,
  sec: 1_000,
  second: 1_000,
  m: 60_000,
  min: 60_000,
  minute: 60_000,
  h: 3_600_000,
  hr: 3_600_000,
  hour: 3_600_000,
  d: 86_400_000,
  day: 86_400_000,
  w: 604_800_000,
  week: 604_800_000,
  mo: 2_592_000_000,
  month: 2_592_000_000,
  q: 7_776_000_000,
  y: 31_536_000_000,
  year: 31_536_000_000,
};

const OPERATORS = ['=~', '!=', '<=', '>=', '==', '=', '<', '>', '+', '-', '*', '/', '%', '^'];
const PUNCTUATION = new Set(['|', ',', '(', ')', '[', ']']);
const WORD_START = /[A-Za-z_@$]/;
const WORD_PART = /[A-Za-z0-9_@$.]/;
const VALUE_END: ReadonlySet<TokenKind> = new Set([
  'word',
  'quotedName',
  'string',
  'number',
  'duration',
]);
const OPERAND_KEYWORDS = new Set(['like', 'and', 'or', 'not', 'parse']);

/**
 * A slash after a value divides; anywhere else it opens a regular expression, as it does after
 * `like`, after `parse` and after the source field of `parse` (`parse @message /(?<x>…)/`).
 */
function slashDivides(tokens: Token[]): boolean {
  const prev = tokens.at(-1);
  if (!prev) return false;
  if (prev.kind === 'op') return prev.text === ')' || prev.text === ']';
  if (!VALUE_END.has(prev.kind)) return false;
  if (prev.kind === 'word' && OPERAND_KEYWORDS.has(prev.value.toLowerCase())) return false;
  return tokens.at(-2)?.value.toLowerCase() !== 'parse';
}

/** "unexpected symbol found X at line L and position P", with where it is for the console. */
export function malformed(query: string, start: number, end: number, found: string): AwsError {
  const before = query.slice(0, start);
  const line = before.split('\n').length;
  const position = start - (before.lastIndexOf('\n') + 1) + 1;
  const message = `unexpected symbol found ${found} at line ${line} and position ${position}`;
  return new AwsError('MalformedQueryException', message, 400, {
    queryCompileError: { location: { startCharOffset: start, endCharOffset: end }, message },
  });
}

function readQuoted(query: string, start: number, quote: string): { value: string; end: number } {
  let value = '';
  let i = start + 1;
  while (i < query.length && query[i] !== quote) {
    if (query[i] === '\\' && i + 1 < query.length) {
      const next = query[i + 1] as string;
      // A regex keeps its escapes for the regex engine; strings and names lose them.
      value += quote === '/' && next !== '/' ? `\\${next}` : next;
      i += 2;
    } else value += query[i++];
  }
  if (i >= query.length) throw malformed(query, start, query.length, query.slice(start));
  return { value, end: i + 1 };
}

/** Splits a Logs Insights query into tokens, dropping `#` comments and white space. */
export function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const push = (kind: TokenKind, start: number, end: number, value = query.slice(start, end)) =>
    tokens.push({ kind, text: query.slice(start, end), value, start, end });
  while (i < query.length) {
    const c = query[i] as string;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '#') {
      while (i < query.length && query[i] !== '\n') i++;
    } else if (c === '"' || c === "'" || c === '`') {
      const { value, end } = readQuoted(query, i, c);
      push(c === '`' ? 'quotedName' : 'string', i, end, value);
      i = end;
    } else if (c === '/' && !slashDivides(tokens)) {
      const { value, end } = readQuoted(query, i, '/');
      push('regex', i, end, value);
      i = end;
    } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(query[i + 1] ?? ''))) {
      const number = /^[0-9]*\.?[0-9]+(?:[eE][+-]?[0-9]+)?/.exec(query.slice(i))?.[0] ?? c;
      const unit = /^[A-Za-z]+/.exec(query.slice(i + number.length))?.[0];
      if (unit && DURATION_UNITS[unit] !== undefined) {
        push('duration', i, i + number.length + unit.length);
        i += number.length + unit.length;
      } else {
        push('number', i, i + number.length);
        i += number.length;
      }
    } else if (WORD_START.test(c)) {
      let end = i + 1;
      while (end < query.length && WORD_PART.test(query[end] as string)) end++;
      push('word', i, end);
      i = end;
    } else if (PUNCTUATION.has(c)) {
      push('op', i, i + 1);
      i++;
    } else {
      const op = OPERATORS.find((o) => query.startsWith(o, i));
      if (!op) throw malformed(query, i, i + 1, c);
      push('op', i, i + op.length);
      i += op.length;
    }
  }
  tokens.push({ kind: 'eof', text: '', value: '', start: query.length, end: query.length });
  return tokens;
}
