/**
 * Where the cursor stands in a KQL query, for completions. Pure: text in, situation out.
 * A small scanner rather than the lezer tree, because a half-typed query is mostly errors
 * to the parser while its last few tokens say plainly what may come next.
 */
export type KqlSituation =
  /** The start of a clause: a field name, `not`, or free text. */
  | { type: 'FIELD'; from: number }
  /** After `field:` or inside `field:(a or …)`; `quoted` once a `"` is open. */
  | { type: 'VALUE'; from: number; field: string; quoted: boolean }
  /**
   * After a whole clause and a space: `and`, `or`; `field` when the clause was a bare word,
   * which may still become a field name followed by `:` or a range operator.
   */
  | { type: 'OPERATOR'; from: number; field?: string }
  | { type: 'NONE' };

interface Token {
  kind: 'word' | 'keyword' | 'phrase' | 'punct' | 'range';
  text: string;
  from: number;
  to: number;
  /** For phrases: whether the closing quote has been typed. */
  closed?: boolean;
}

const SPACE = /[ \t\r\n\u00A0]/;
const SPECIAL = /[ \t\r\n\u00A0():<>"{}]/;
const KEYWORDS = new Set(['and', 'or', 'not']);

function scan(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] ?? '';
    const start = i;
    if (SPACE.test(c)) {
      i++;
    } else if (c === '"') {
      i++;
      while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      const closed = i < text.length;
      if (closed) i++;
      tokens.push({ kind: 'phrase', text: text.slice(start, i), from: start, to: i, closed });
    } else if ('(){}:'.includes(c)) {
      tokens.push({ kind: 'punct', text: c, from: start, to: ++i });
    } else if (c === '<' || c === '>') {
      i += text[i + 1] === '=' ? 2 : 1;
      tokens.push({ kind: 'range', text: text.slice(start, i), from: start, to: i });
    } else {
      while (i < text.length && !SPECIAL.test(text[i] ?? '')) i += text[i] === '\\' ? 2 : 1;
      const word = text.slice(start, i);
      const kind = KEYWORDS.has(word.toLowerCase()) ? 'keyword' : 'word';
      tokens.push({ kind, text: word, from: start, to: i });
    }
  }
  return tokens;
}

/** A field as written: unescaped, or the inside of its quotes. */
function fieldName(token: Token): string {
  const inner = token.kind === 'phrase' ? token.text.slice(1, -1) : token.text;
  return inner.replace(/\\(.)/g, '$1');
}

const isOperand = (t: Token | undefined): t is Token & { kind: 'word' | 'phrase' } =>
  t?.kind === 'word' || t?.kind === 'phrase';

/** The field whose value stands next, if the tokens end where a value is expected. */
function valueField(tokens: Token[]): string | undefined {
  // Each open bracket remembers the field it distributes, for `field:(a or b)` lists.
  const frames: (string | undefined)[] = [];
  tokens.forEach((t, i) => {
    const before = tokens[i - 1];
    const field = tokens[i - 2];
    if (t.text === '(' && t.kind === 'punct') {
      frames.push(before?.text === ':' && isOperand(field) ? fieldName(field) : frames.at(-1));
    } else if (t.text === '{' && t.kind === 'punct') {
      frames.push(undefined);
    } else if ((t.text === ')' || t.text === '}') && t.kind === 'punct') {
      frames.pop();
    }
  });
  const last = tokens.at(-1);
  const field = tokens.at(-2);
  if (last?.kind === 'punct' && last.text === ':') {
    return isOperand(field) ? fieldName(field) : undefined;
  }
  if (last?.kind === 'keyword' || (last?.kind === 'punct' && last.text === '(')) {
    return frames.at(-1);
  }
  return undefined;
}

export function kqlSituationAt(text: string, pos: number): KqlSituation {
  const tokens = scan(text.slice(0, pos));
  const last = tokens.at(-1);
  if (last?.kind === 'phrase' && !last.closed) {
    const field = valueField(tokens.slice(0, -1));
    return field === undefined
      ? { type: 'NONE' }
      : { type: 'VALUE', from: last.from + 1, field, quoted: true };
  }
  const typing = last && last.to === pos && (last.kind === 'word' || last.kind === 'keyword');
  if (last && last.to === pos && !typing && last.kind !== 'punct') return { type: 'NONE' };
  const prior = typing ? tokens.slice(0, -1) : tokens;
  const from = typing ? last.from : pos;
  const field = valueField(prior);
  if (field !== undefined) return { type: 'VALUE', from, field, quoted: false };
  const previous = prior.at(-1);
  if (!previous || previous.kind === 'keyword' || previous.text === '(' || previous.text === '{') {
    return { type: 'FIELD', from };
  }
  const closesClause = isOperand(previous) || previous.text === ')' || previous.text === '}';
  if (!closesClause || previous.to >= from) return { type: 'NONE' };
  const beforeWord = prior.at(-2);
  const bareWord =
    previous.kind === 'word' &&
    (!beforeWord || beforeWord.kind === 'keyword' || beforeWord.text === '(') &&
    valueField(prior.slice(0, -1)) === undefined;
  return bareWord
    ? { type: 'OPERATOR', from, field: fieldName(previous) }
    : { type: 'OPERATOR', from };
}
