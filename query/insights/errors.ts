import type { SyntaxNode, Tree } from '@lezer/common';
import { LogsiftError } from '../../model';

const COMMAND_LIST = 'fields, filter, parse, stats, sort, limit, display, dedup';

/** What each command takes, for the message of a mistake inside it. */
const EXPECTED: Record<string, string> = {
  FieldsCommand: 'fields or expressions separated by commas, each with an optional as name',
  DisplayCommand: 'fields separated by commas',
  DedupCommand: 'fields separated by commas',
  FilterCommand: 'a condition such as level = "error" or @message like /timeout/',
  ParseCommand: 'a field, then "a * glob" as names, /(?<name>a regex)/ or logfmt as name',
  StatsCommand: 'aggregates such as count(*) as n, then by fields or bin(5m)',
  SortCommand: 'a field, then asc or desc',
  LimitCommand: 'a number of rows',
};

const CLOSERS: Record<string, string> = {
  '"': 'a closing "',
  "'": "a closing '",
  '`': 'a closing backquote',
  '/': 'a closing / (a / inside a regex is written \\/)',
};

function firstError(tree: Tree): SyntaxNode | undefined {
  const cursor = tree.cursor();
  do {
    if (cursor.type.isError) return cursor.node;
  } while (cursor.next());
  return undefined;
}

/** The last token before `offset`, comments aside. */
function tokenBefore(tree: Tree, offset: number): SyntaxNode | undefined {
  let last: SyntaxNode | undefined;
  tree.iterate({
    enter(ref) {
      if (ref.from >= offset || ref.type.isError || ref.name === 'Comment') return false;
      if (!ref.node.firstChild && ref.to <= offset) last = ref.node;
      return undefined;
    },
  });
  return last;
}

/** The command the mistake is in; undefined where a command should start. */
function commandOf(tree: Tree, node: SyntaxNode, at: number): string | undefined {
  const previous = tokenBefore(tree, at);
  if (!previous || previous.name === '|') return undefined;
  for (let n: SyntaxNode | null = node; n; n = n.parent) {
    if (n.name.endsWith('Command')) return n.name;
  }
  return undefined;
}

/** The word or the single character at `at`. */
function tokenAt(text: string, at: number): string {
  return /^[\p{L}\p{N}_@.]+/u.exec(text.slice(at))?.[0] ?? text.slice(at, at + 1);
}

/** The first syntax error of an Insights tree as a message a person can act on, or undefined. */
export function syntaxError(tree: Tree, text: string): LogsiftError | undefined {
  const error = firstError(tree);
  if (!error) return undefined;
  let at = error.from;
  while (at < text.length && /\s/.test(text[at] ?? '')) at++;
  const command = commandOf(tree, error, at);
  const expected = command ? ` — expected ${EXPECTED[command] ?? 'an argument'}` : '';
  if (at >= text.length || text[at] === '#') {
    const where = command ? expected.replace(' — expected', '; expected') : '; expected a command';
    return new LogsiftError('bad_query', `unexpected end of query${where}`, { from: at, to: at });
  }
  const opener = text[at] ?? '';
  const closer = CLOSERS[opener];
  if (closer && !text.slice(at + 1).includes(opener)) {
    return new LogsiftError(
      'bad_query',
      `this ${opener === '/' ? 'regex' : opener === '`' ? 'name' : 'string'} needs ${closer}`,
      {
        from: at,
        to: text.length,
      },
    );
  }
  const token = tokenAt(text, at);
  const pos = { from: at, to: at + token.length };
  if (!command) {
    const message =
      token === '|'
        ? 'expected a command before this |'
        : `unknown command "${token}": Logs Insights commands are ${COMMAND_LIST} and the others CloudWatch lists`;
    return new LogsiftError('bad_query', message, pos);
  }
  return new LogsiftError('bad_query', `unexpected "${token}"${expected}`, pos);
}
