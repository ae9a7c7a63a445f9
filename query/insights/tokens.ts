import { ExternalTokenizer, type InputStream } from '@lezer/lr';
import {
  And,
  As,
  Asc,
  By,
  Dedup,
  Desc,
  Display,
  Fields,
  Filter,
  Identifier,
  In,
  Like,
  Limit,
  Logfmt,
  Multi,
  Not,
  Or,
  OtherCommandName,
  Parse,
  Sort,
  Stats,
} from './parser.terms';

/** Insights reads its words case-insensitively (`FILTER`, `AND`): the table is keyed by lower case. */
const WORDS: Record<string, number> = {
  and: And,
  or: Or,
  not: Not,
  like: Like,
  in: In,
  as: As,
  by: By,
  asc: Asc,
  desc: Desc,
  fields: Fields,
  filter: Filter,
  // CloudWatch reads `where` as `filter`.
  where: Filter,
  parse: Parse,
  stats: Stats,
  sort: Sort,
  limit: Limit,
  display: Display,
  dedup: Dedup,
  logfmt: Logfmt,
  multi: Multi,
};

/** Commands CloudWatch knows that are sent as written: they have no Logsift equivalent. */
const OTHER_COMMANDS = new Set([
  'anomaly',
  'diff',
  'estimate',
  'filterindex',
  'lookup',
  'pattern',
  'source',
  'unmask',
  'unnest',
]);

const isWordStart = (c: number): boolean =>
  (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 64; // A-Z a-z _ @
const isWordPart = (c: number): boolean => isWordStart(c) || (c >= 48 && c <= 57) || c === 46; // 0-9 .

export const words = new ExternalTokenizer(
  (input: InputStream, stack) => {
    if (!isWordStart(input.next)) return;
    let word = '';
    while (isWordPart(input.next)) {
      word += String.fromCharCode(input.next);
      input.advance();
    }
    const lower = word.toLowerCase();
    const keyword = OTHER_COMMANDS.has(lower) ? OtherCommandName : WORDS[lower];
    input.acceptToken(keyword !== undefined && stack.canShift(keyword) ? keyword : Identifier);
  },
  { contextual: true },
);
