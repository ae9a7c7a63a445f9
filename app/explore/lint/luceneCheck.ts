import type { QueryDiagnostic } from './queryLint';

/**
 * Lucene's query_string parser lives in the backend; here only what is surely wrong anywhere:
 * an unclosed phrase, and brackets that do not pair.
 */
export function luceneMistake(text: string): QueryDiagnostic[] {
  const opens: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') {
      i++;
    } else if (c === '"') {
      const start = i;
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
      if (i >= text.length) {
        return [mistake(start, text.length, 'this phrase needs a closing "')];
      }
    } else if (c === '(') {
      opens.push(i);
    } else if (c === ')') {
      if (opens.pop() === undefined) return [mistake(i, i + 1, 'this ) closes no (')];
    }
  }
  const open = opens.pop();
  return open === undefined ? [] : [mistake(open, open + 1, 'this ( is never closed')];
}

const mistake = (from: number, to: number, message: string): QueryDiagnostic => ({
  from,
  to,
  severity: 'error',
  message,
});
