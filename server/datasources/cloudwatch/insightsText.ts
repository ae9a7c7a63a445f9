import { binPeriod } from '../../../query/insights/durations';
import { fieldName } from '../../../query/insights/literals';

/**
 * Logs Insights query text as Logsift writes around the user's: only the command names
 * matter here, so commands are split on the pipes outside quotes, backquotes, regex
 * literals and comments, and the rest is left exactly as written.
 */

export interface InsightsCommand {
  /** Lower-cased first word: `fields`, `filter`, `stats`, … */
  name: string;
  text: string;
}

/** A `/` opens a regex literal after these words or signs; elsewhere it divides. */
const BEFORE_REGEX = /(?:\blike|=~|!=~|[(,=]|\bparse\s+\S+)\s*$/i;

export function splitCommands(query: string): InsightsCommand[] {
  const parts: string[] = [];
  let current = '';
  let i = 0;
  const closeAt = (end: string, from: number): number => {
    for (let j = from; j < query.length; j++) {
      if (query[j] === '\\') j++;
      else if (query[j] === end) return j;
    }
    return query.length - 1;
  };
  while (i < query.length) {
    const ch = query[i] ?? '';
    if (ch === '"' || ch === "'" || ch === '`' || (ch === '/' && BEFORE_REGEX.test(current))) {
      const end = closeAt(ch, i + 1);
      current += query.slice(i, end + 1);
      i = end + 1;
    } else if (ch === '#') {
      const eol = query.indexOf('\n', i);
      i = eol < 0 ? query.length : eol;
    } else if (ch === '|') {
      parts.push(current);
      current = '';
      i++;
    } else {
      current += ch;
      i++;
    }
  }
  parts.push(current);
  return parts
    .map((text) => text.trim())
    .filter((text) => text !== '')
    .map((text) => ({ name: (/^[A-Za-z]+/.exec(text)?.[0] ?? '').toLowerCase(), text }));
}

export const SYSTEM_FIELDS = ['@timestamp', '@message', '@logStream', '@log'] as const;

/** Between commands Logsift writes: a new line, so a trailing `#` comment ends before it. */
export const COMMAND_JOINER = '\n| ';

export interface LogQueryText {
  text: string;
  /** Where the user's query starts in `text`: CloudWatch's error offsets count from 0 there. */
  offset: number;
  /** How long the user's text is inside `text`. */
  userLength: number;
  /** A `stats` query answers a table, not log lines. */
  table: boolean;
  /** Logsift added the sort by time: the rows are in the asked direction. */
  ordered: boolean;
}

/**
 * The log list's query, as the CloudWatch console writes its default one: the user's
 * text unchanged, with `fields` (the system fields and the mapped ones, so labels arrive)
 * before it, `sort @timestamp` and `limit` after it, each only where the user did not say
 * it. A `stats` query goes unchanged: its rows are the answer.
 */
export function logQueryText(
  query: string,
  opts: { limit: number; direction: 'backward' | 'forward'; extraFields: readonly string[] },
): LogQueryText {
  const commands = splitCommands(query);
  const has = (name: string) => commands.some((c) => c.name === name);
  if (has('stats')) {
    return { text: query, offset: 0, userLength: query.length, table: true, ordered: false };
  }
  const before: string[] = [];
  const after: string[] = [];
  if (!has('fields') && !has('display')) {
    const names = [...new Set([...SYSTEM_FIELDS, ...opts.extraFields])].map((n) => fieldName(n));
    before.push(`fields ${names.join(', ')}`);
  }
  // Only `limit` may follow `dedup`, which keeps rows in the default @timestamp desc order.
  const ordered = !has('sort') && !has('dedup');
  if (ordered) {
    after.push(`sort @timestamp ${opts.direction === 'backward' ? 'desc' : 'asc'}`);
  }
  if (!has('limit')) after.push(`limit ${opts.limit}`);
  const user = commands.length > 0 ? [query] : [];
  const prefix = before.map((c) => `${c}${COMMAND_JOINER}`).join('');
  // The pipes after the user's text start a new line: a trailing `#` comment ends there.
  const text = [...before, ...user, ...after].join(COMMAND_JOINER);
  const offset = commands.length > 0 ? prefix.length : 0;
  return { text, offset, userLength: query.length, table: false, ordered };
}

/** Commands that shape the list but do not choose records, left out of counting queries. */
const LIST_ONLY = new Set(['sort', 'limit', 'display', 'dedup', 'fields']);

/**
 * The records the user's query chooses, as a prefix for a counting `stats`; undefined when
 * the query is itself a `stats` query, whose table cannot be counted again.
 */
export function countingBase(query: string): string | undefined {
  const commands = splitCommands(query);
  if (commands.some((c) => c.name === 'stats')) return undefined;
  // `fields` stays when it computes a name (`fields x as y`) a later filter may use.
  return commands
    .filter((c) => !LIST_ONLY.has(c.name) || (c.name === 'fields' && /\bas\b/i.test(c.text)))
    .map((c) => c.text)
    .join(COMMAND_JOINER);
}

function then(base: string, command: string): string {
  return base === '' ? command : `${base}\n| ${command}`;
}

export const COUNT = 'logsiftCount';
export const LEVEL = 'logsiftLevel';

const WORD = 'logsiftLevelWord';
/** Words that name a level, as detectLevel's keywords: the first in a line is its level. */
const LEVEL_WORDS = 'trace|debug|info|notice|warn|warning|error|err|fatal|panic|critical';

/**
 * Lines per `bin()` and level: the level field's value when there is one, else the first
 * level word of the line (what a Fluent Bit line without parsed fields says). Lines with
 * neither count as `unknown`, never drop out of the bars.
 */
export function histogramText(base: string, stepMs: number, levelField?: string): string {
  const bin = `bin(${binPeriod(stepMs)})`;
  const source = levelField
    ? base
    : then(base, `parse @message /(?i)\\b(?<${WORD}>${LEVEL_WORDS})\\b/`);
  const level = `fields coalesce(${levelField ? fieldName(levelField) : WORD}, "unknown") as ${LEVEL}`;
  return then(then(source, level), `stats count(*) as ${COUNT} by ${bin}, ${LEVEL}`);
}

/** The most frequent values (or combinations of values) of some fields, most first. */
export function topValuesText(base: string, fields: readonly string[], limit: number): string {
  const by = fields.map((f) => fieldName(f)).join(', ');
  return then(base, `stats count(*) as ${COUNT} by ${by}\n| sort ${COUNT} desc\n| limit ${limit}`);
}
