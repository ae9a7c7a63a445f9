import type { LogRecord } from '../../model';

/** Records enough for a first screen, drawn while the rest of a large answer is still read. */
export const FIRST_SCREEN = 200;
/** Past this much text without a first screen the answer is read to its end, unscanned. */
const SCAN_LIMIT = 4 * 1024 * 1024;

/**
 * Finds the first records of a `{"records":[…` answer as its text arrives: a scan of JSON
 * strings and nesting, so a `}` inside a log line does not end a record. Fed the text so far,
 * it returns the records once `FIRST_SCREEN` are complete or the array ended, and only once.
 */
export function firstRecordsScanner(): (text: string) => LogRecord[] | undefined {
  let start = -1;
  let pos = -1;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let count = 0;
  let lastEnd = -1;
  let done = false;
  return (text) => {
    if (done) return undefined;
    if (pos < 0) {
      const open = text.indexOf('"records":[');
      if (open < 0) {
        if (text.length > 64) done = true;
        return undefined;
      }
      start = open + '"records":['.length;
      pos = start;
    }
    for (; pos < text.length; pos++) {
      const c = text.charCodeAt(pos);
      if (inString) {
        if (escaped) escaped = false;
        else if (c === 0x5c) escaped = true;
        else if (c === 0x22) inString = false;
        continue;
      }
      if (c === 0x22) inString = true;
      else if (c === 0x7b || c === 0x5b) depth++;
      else if (c === 0x7d || c === 0x5d) {
        if (depth === 0) {
          // The records array ended before a screen was full: the whole answer is small.
          done = true;
          return count > 0
            ? (JSON.parse(`[${text.slice(start, lastEnd + 1)}]`) as LogRecord[])
            : undefined;
        }
        depth--;
        if (depth === 0 && c === 0x7d) {
          count++;
          lastEnd = pos;
          if (count >= FIRST_SCREEN) {
            done = true;
            return JSON.parse(`[${text.slice(start, lastEnd + 1)}]`) as LogRecord[];
          }
        }
      }
    }
    if (text.length > SCAN_LIMIT) done = true;
    return undefined;
  };
}

const nextPaint = (): Promise<void> =>
  new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));

/**
 * The body's text, read as it arrives; `onFirst` hears the first screen of records before the
 * whole body is in (a 100,000-line answer is 50 MB and takes seconds to arrive and parse).
 */
export async function readWithFirstRecords(
  response: Response,
  onFirst: (records: LogRecord[]) => void,
): Promise<string> {
  const body = response.body;
  if (!body) return response.text();
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  const scan = firstRecordsScanner();
  const chunks: string[] = [];
  let head = '';
  let scanning = true;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    if (scanning) {
      head += value;
      const first = scan(head);
      if (first) {
        onFirst(first);
        // Let the page draw that screen before the rest is read and parsed in one long task.
        await nextPaint();
      }
      if (first || head.length > SCAN_LIMIT) scanning = false;
    }
  }
  return chunks.join('');
}
