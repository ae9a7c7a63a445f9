export interface Token {
  term: string;
  start: number;
  end: number;
}

/**
 * The standard analyzer, approximately: Unicode word segmentation (runs of letters, digits
 * and `_`, joined across `.` or `'` between two letters or two digits, so `example.com`,
 * `10.0.1.17` and `can't` stay whole), lower-cased, at most 255 characters a token.
 */
const WORD = /[\p{L}\p{N}_\p{M}]+(?:(?:[.'’])[\p{L}\p{N}_\p{M}]+)*/gu;
const LETTER = /\p{L}/u;
const DIGIT = /\p{N}/u;

function sameClass(a: string, b: string): boolean {
  return (LETTER.test(a) && LETTER.test(b)) || (DIGIT.test(a) && DIGIT.test(b));
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(WORD)) {
    let start = match.index;
    const word = match[0];
    // A `.` joins only like with like: split `foo.123` and `v1.x` where UAX#29 would.
    let from = 0;
    for (let i = 1; i < word.length - 1; i++) {
      const c = word[i] ?? '';
      if (
        (c === '.' || c === "'" || c === '’') &&
        !sameClass(word[i - 1] ?? '', word[i + 1] ?? '')
      ) {
        push(tokens, word.slice(from, i), start);
        start += i + 1 - from;
        from = i + 1;
      }
    }
    push(tokens, word.slice(from), start);
  }
  return tokens;
}

function push(tokens: Token[], word: string, start: number): void {
  if (word === '') return;
  tokens.push({ term: word.slice(0, 255).toLowerCase(), start, end: start + word.length });
}

export function terms(text: string): string[] {
  return tokenize(text).map((t) => t.term);
}

/** Whether `phrase` occurs as consecutive tokens of `text` (match_phrase, slop 0). */
export function containsPhrase(text: string, phrase: readonly string[], first: RegExp): boolean {
  if (phrase.length === 0) return false;
  // Most lines lack the first word entirely: skip tokenising those.
  if (!first.test(text)) return false;
  const tokens = terms(text);
  outer: for (let i = 0; i + phrase.length <= tokens.length; i++) {
    for (let j = 0; j < phrase.length; j++) if (tokens[i + j] !== phrase[j]) continue outer;
    return true;
  }
  return false;
}

/** A case-insensitive test for any of the words anywhere: cheap, run before tokenising. */
export function anyWordRegExp(words: readonly string[]): RegExp {
  return new RegExp(words.map(escapeRegExp).join('|'), 'iu');
}

/** Lucene wildcard (`*`, `?`, `\` escapes) as an anchored RegExp. */
export function wildcardRegExp(pattern: string, caseInsensitive: boolean): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] ?? '';
    if (c === '\\' && i + 1 < pattern.length) source += escapeRegExp(pattern[++i] ?? '');
    else if (c === '*') source += '[\\s\\S]*';
    else if (c === '?') source += '[\\s\\S]';
    else source += escapeRegExp(c);
  }
  return new RegExp(`^${source}$`, caseInsensitive ? 'iu' : 'u');
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
