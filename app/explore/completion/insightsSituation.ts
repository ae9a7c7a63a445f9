import { insightsParser } from '../../../query/insights';

/**
 * Where the cursor stands in a Logs Insights query, for completions. Pure: text in, situation
 * out. The tokens come from the Insights lezer parser run over the text before the cursor: its
 * contextual tokenizer already tells the command word `sort` from a field called `sort`, and a
 * half-typed command is still a run of the right tokens even where the tree has errors.
 */
export type InsightsSituation =
  /** The start of a command: after `|` or at the start of the query. */
  | { type: 'COMMAND'; from: number }
  /**
   * Where an expression starts: fields, and the functions `functions` says — `stats` for the
   * aggregates of a stats command, `bin` for its `by` groups, `scalar` for any other function.
   */
  | { type: 'EXPRESSION'; from: number; functions: 'none' | 'scalar' | 'stats' | 'bin' }
  /** After a whole expression: the words that may follow it; `field` when it was one field. */
  | { type: 'NEXT'; from: number; keywords: string[]; operators: boolean }
  /** After `field =`, `field like`, `field in [`: the field's values, `quoted` inside a `"`. */
  | { type: 'VALUE'; from: number; field: string; quoted: boolean }
  | { type: 'NONE' };

interface Token {
  name: string;
  from: number;
  to: number;
  /** The name of the node the token stands in (Field, FunctionName, Alias…). */
  parent: string;
}

/** The tokens of `text` from `start`, a command's start, with positions in the whole text. */
function tokensOf(text: string, start: number): Token[] {
  const tokens: Token[] = [];
  insightsParser.parse(text.slice(start)).iterate({
    enter(ref) {
      if (ref.type.isTop || ref.from === ref.to || ref.name === 'Comment' || ref.node.firstChild) {
        return;
      }
      tokens.push({
        name: ref.name,
        from: start + ref.from,
        to: start + ref.to,
        parent: ref.node.parent?.name ?? '',
      });
    },
  });
  return tokens;
}

/** Words after which a `/` opens a regex rather than dividing. */
const BEFORE_REGEX = new Set(['like', '=~', 'parse']);

interface Scan {
  /** Where an unclosed string, regex or comment the text ends in starts. */
  open: { at: number; quote: string } | undefined;
  /** Where the last command starts: after the last `|` outside literals and comments. */
  command: number;
}

/**
 * One pass over the text that remembers the last two tokens: a `/` is a regex after like, =~,
 * parse or `parse field`, and a division anywhere else.
 */
function scan(text: string): Scan {
  let open: { at: number; quote: string } | undefined;
  let command = 0;
  let last = '';
  let beforeLast = '';
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    if (open) {
      if (c === '\\') i++;
      else if (c === open.quote || (c === '\n' && open.quote === '/')) {
        open = undefined;
        [beforeLast, last] = [last, 'literal'];
      }
      continue;
    }
    if (c === '#') {
      const end = text.indexOf('\n', i);
      if (end < 0) return { open: { at: i, quote: '#' }, command };
      i = end;
      inWord = false;
    } else if (c === '"' || c === "'" || c === '`') {
      open = { at: i, quote: c };
      inWord = false;
    } else if (
      c === '/' &&
      (BEFORE_REGEX.has(last.toLowerCase()) ||
        (beforeLast.toLowerCase() === 'parse' && inWordToken(last)))
    ) {
      open = { at: i, quote: '/' };
      inWord = false;
    } else if (/[\w@.]/.test(c)) {
      if (inWord) last += c;
      else [beforeLast, last] = [last, c];
      inWord = true;
    } else {
      inWord = false;
      if (c === '|') command = i + 1;
      if (c === '~' && last === '=' && text[i - 1] === '=') last = '=~';
      else if (/\S/.test(c)) [beforeLast, last] = [last, c];
    }
  }
  return { open, command };
}

const inWordToken = (token: string): boolean => /^[\w@.]+$/.test(token);

const WORD = new Set(['Identifier', 'And', 'Or', 'Not', 'Like', 'In', 'As', 'By', 'Asc', 'Desc']);
const COMMAND_WORDS = new Set([
  'Fields',
  'Filter',
  'Parse',
  'Stats',
  'Sort',
  'Limit',
  'Display',
  'Dedup',
  'OtherCommandName',
]);
/** Tokens after which an expression starts. */
const STARTS = new Set([
  ...COMMAND_WORDS,
  ',',
  '(',
  '[',
  'And',
  'Or',
  'Not',
  'By',
  'CompareOp',
  'MatchOp',
  '+',
  '-',
  '*',
  '/',
  '%',
  '^',
]);
/** Tokens that end an operand. */
const ENDS = new Set([
  'Identifier',
  'Backquoted',
  'Number',
  'Duration',
  'String',
  'Regex',
  ')',
  ']',
]);

const unquoteName = (text: string): string => (text.startsWith('`') ? text.slice(1, -1) : text);

/** The field a comparison, `like` or `in` before the cursor is about. */
function comparedField(tokens: Token[], text: string): string | undefined {
  let i = tokens.length - 1;
  if (tokens[i]?.name === '[') i--;
  const op = tokens[i];
  if (!op || !['CompareOp', 'Like', 'In', 'MatchOp'].includes(op.name)) return undefined;
  let field = tokens[i - 1];
  if (field?.name === 'Not') field = tokens[i - 2];
  if (!field || (field.name !== 'Identifier' && field.name !== 'Backquoted')) return undefined;
  if (field.parent === 'FunctionName' || field.parent === 'Alias') return undefined;
  return unquoteName(text.slice(field.from, field.to));
}

/** Inside a call's parentheses or a list at the cursor: the innermost bracket. */
function innermost(tokens: Token[]): Token | undefined {
  const stack: Token[] = [];
  for (const t of tokens) {
    if (t.name === '(' || t.name === '[') stack.push(t);
    else if (t.name === ')' || t.name === ']') stack.pop();
  }
  return stack.at(-1);
}

function expressionStart(command: string, tokens: Token[], from: number): InsightsSituation {
  const inside = innermost(tokens);
  switch (command) {
    case 'Fields':
    case 'Filter':
      return { type: 'EXPRESSION', from, functions: 'scalar' };
    case 'Stats': {
      if (inside) return { type: 'EXPRESSION', from, functions: 'scalar' };
      const grouped = tokens.some((t) => t.name === 'By');
      return { type: 'EXPRESSION', from, functions: grouped ? 'bin' : 'stats' };
    }
    case 'Sort':
    case 'Display':
    case 'Dedup':
      return { type: 'EXPRESSION', from, functions: 'none' };
    case 'Parse':
      return tokens.length === 1
        ? { type: 'EXPRESSION', from, functions: 'none' }
        : { type: 'NONE' };
    default:
      return { type: 'NONE' };
  }
}

function afterOperand(command: string, tokens: Token[], from: number): InsightsSituation {
  const last = tokens.at(-1);
  const before = tokens.at(-2);
  const oneField =
    last?.parent === 'Field' &&
    before !== undefined &&
    STARTS.has(before.name) &&
    before.name !== 'CompareOp';
  if (innermost(tokens)) return { type: 'NONE' };
  switch (command) {
    case 'Filter':
      return oneField
        ? { type: 'NEXT', from, keywords: ['and', 'or'], operators: true }
        : { type: 'NEXT', from, keywords: ['and', 'or'], operators: false };
    case 'Fields':
      return { type: 'NEXT', from, keywords: ['as'], operators: false };
    case 'Stats': {
      const grouped = tokens.some((t) => t.name === 'By');
      return { type: 'NEXT', from, keywords: grouped ? ['as'] : ['as', 'by'], operators: false };
    }
    case 'Sort':
      return { type: 'NEXT', from, keywords: ['asc', 'desc'], operators: false };
    default:
      return { type: 'NONE' };
  }
}

export function insightsSituationAt(text: string, pos: number): InsightsSituation {
  const before = text.slice(0, pos);
  const { open: literal, command: start } = scan(before);
  if (literal) {
    if (literal.quote !== '"' && literal.quote !== "'") return { type: 'NONE' };
    const tokens = commandTokens(tokensOf(before.slice(0, literal.at), start));
    const field = comparedField(tokens, before);
    return field === undefined
      ? { type: 'NONE' }
      : { type: 'VALUE', from: literal.at + 1, field, quoted: true };
  }
  const all = commandTokens(tokensOf(before, start));
  const last = all.at(-1);
  const typing = last !== undefined && last.to === pos && WORD.has(last.name);
  if (last && last.to === pos && !typing && !STARTS.has(last.name) && last.name !== '|') {
    return { type: 'NONE' };
  }
  const tokens = typing ? all.slice(0, -1) : all;
  const from = typing ? last.from : pos;
  const command = tokens[0];
  if (!command) return { type: 'COMMAND', from };
  const previous = tokens.at(-1) ?? command;
  const field = comparedField(tokens, before);
  if (field !== undefined) return { type: 'VALUE', from, field, quoted: false };
  // `field not …`: only `like` or `in` can follow.
  if (previous.name === 'Not' && tokens.at(-2)?.parent === 'Field' && command.name === 'Filter') {
    return { type: 'NEXT', from, keywords: ['like', 'in'], operators: false };
  }
  if (STARTS.has(previous.name)) {
    const name = COMMAND_WORDS.has(command.name) ? command.name : '';
    return expressionStart(name, tokens, from);
  }
  if (ENDS.has(previous.name) && previous.to < from) {
    const name = COMMAND_WORDS.has(command.name) ? command.name : '';
    return afterOperand(name, tokens, from);
  }
  return { type: 'NONE' };
}

/** The tokens of the command the text ends in. */
function commandTokens(tokens: Token[]): Token[] {
  const bar = tokens.map((t) => t.name).lastIndexOf('|');
  return tokens.slice(bar + 1);
}
