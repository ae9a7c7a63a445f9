import type { LogRecord } from '../../model';

/**
 * A record's line as its backend already wrote it inside a JSON string, kept beside the
 * decoded line so the answer's writer copies it instead of escaping the line again: for a
 * 5,000-line Loki answer, JSON.stringify of every line was the largest single cost after
 * Loki's own time. Symbol keys stay out of JSON.stringify, Object.keys and structured clones.
 * Normalizers write both keys in the record's literal, so records keep one shape whose
 * properties all sit in the object itself.
 */
export const ESCAPED_LINE = Symbol('line as JSON string content');
/** The line it was found for: a copy of the record with another line must not use it. */
export const ESCAPED_LINE_OF = Symbol('line the escaped text is of');

export type WithEscapedLine = LogRecord & {
  [ESCAPED_LINE]?: string | undefined;
  [ESCAPED_LINE_OF]?: string;
};

/** The line's JSON string content, without the quotes, when its backend's text is known. */
export function escapedLine(record: LogRecord): string | undefined {
  const r = record as WithEscapedLine;
  return r[ESCAPED_LINE_OF] === r.line ? r[ESCAPED_LINE] : undefined;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const BRACKET = 0x5b;

/**
 * Walks a backend's JSON text alongside its parsed entries, which come in text order, and
 * finds each entry's line where it follows its timestamp as `["<ns>","<line>"`. Two quotes
 * that are not escaped cannot be inside a string, so that pattern is only ever an entry.
 * Anything else (a body re-indented by a proxy, a timestamp not found) stops the walk for
 * the rest of the body: the lines are then escaped by the writer as before, and no search
 * runs twice over the text.
 */
export class EscapedLineFinder {
  private at = 0;

  constructor(private text: string | undefined) {}

  /** The escaped text of the next entry's line, at timestamp `ts`, whose decoded line is `line`. */
  next(ts: string, line: string): string | undefined {
    const text = this.text;
    if (text === undefined) return undefined;
    let p = text.indexOf(ts, this.at);
    while (p !== -1 && !entryAt(text, p, ts)) p = text.indexOf(ts, p + 1);
    if (p === -1) return this.stop();
    const start = p + ts.length + 3;
    // Escapes only lengthen a line, so its closing quote is the first one not escaped from
    // its decoded length on: the line's start need not be read at all.
    let end = text.indexOf('"', start + line.length);
    while (end !== -1 && escapedAt(text, end)) end = text.indexOf('"', end + 1);
    if (end === -1) return this.stop();
    const escaped = text.slice(start, end);
    // Text with no escapes is the line itself.
    if (escaped.length === line.length && escaped !== line) return this.stop();
    this.at = end + 1;
    return escaped;
  }

  private stop(): undefined {
    this.text = undefined;
    return undefined;
  }
}

/** Whether the quote at `q` is escaped: an odd run of backslashes before it. */
function escapedAt(text: string, q: number): boolean {
  let b = q - 1;
  while (text.charCodeAt(b) === BACKSLASH) b--;
  return (q - 1 - b) % 2 === 1;
}

/** Whether `ts` at `p` opens an entry: `["<ns>","`. */
function entryAt(text: string, p: number, ts: string): boolean {
  return (
    text.charCodeAt(p - 1) === QUOTE &&
    text.charCodeAt(p - 2) === BRACKET &&
    text.startsWith('","', p + ts.length)
  );
}
