import type { z } from 'zod';
import { LogsiftError, type LogRecord } from '../../model';
import type { DatasourceQueryResult, QueryPages } from './datasource';

/** Cursors are opaque to their holder: base64url JSON that only their datasource reads. */
export function encodeCursor(cursor: unknown): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

export function decodeCursor<T extends { d: 'backward' | 'forward' }>(
  schema: z.ZodType<T>,
  text: string,
  direction: 'backward' | 'forward',
): T {
  try {
    const cursor = schema.parse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
    if (cursor.d === direction) return cursor;
  } catch {
    // Falls through to the one message below: a cursor is opaque to its holder.
  }
  throw new LogsiftError('bad_query', 'cursor: not a cursor of this datasource and direction');
}

/** A datasource's own limits, checked before any request leaves. */
export function checkDatasourceLimits(
  req: { fromMs: number; toMs: number; limit?: number },
  limits: { maxRangeHours: number; maxLines: number },
  unit: string,
): void {
  if (req.toMs - req.fromMs > limits.maxRangeHours * 3_600_000) {
    throw new LogsiftError(
      'limit',
      `the range is longer than ${limits.maxRangeHours} h, the most this datasource allows`,
    );
  }
  if (req.limit !== undefined && req.limit > limits.maxLines) {
    throw new LogsiftError(
      'limit',
      `limit: ${req.limit} is over this datasource's maximum of ${limits.maxLines} ${unit}`,
    );
  }
}

/** The whole answer of a paged one, for callers that need every record at once (federation). */
export async function collectPages(answer: QueryPages): Promise<DatasourceQueryResult> {
  const records: LogRecord[] = [];
  for await (const page of answer.pages) for (const r of page) records.push(r);
  return { records, ...answer.end() };
}

/** A backend page as read, and whether there is another to ask for. */
export interface PageRead<T> {
  page: T;
  more: boolean;
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/**
 * Hands a paged answer on page by page, each next request sent before this page's records
 * are built and handed on, so the backend works while the BFF encodes. `next` is the second
 * page's request, sent as soon as the first was read. A failure after the first page ends
 * the answer early instead of failing it: what was sent stays an answer and `stopped` hears
 * why. A cancelled request still throws.
 */
export async function* readAhead<Request, Page>(
  first: Page,
  next: Request | undefined,
  steps: {
    read: (request: Request) => Promise<PageRead<Page>>;
    fetch: () => Request | undefined;
    records: (page: Page) => LogRecord[];
    stopped: (reason: string) => void;
  },
  signal: AbortSignal,
): AsyncGenerator<LogRecord[]> {
  if (next) await nextTurn();
  yield steps.records(first);
  while (next) {
    let got: PageRead<Page>;
    try {
      got = await steps.read(next);
    } catch (error) {
      if (signal.aborted) throw error;
      steps.stopped(error instanceof Error ? error.message : String(error));
      return;
    }
    next = got.more ? steps.fetch() : undefined;
    if (next) await nextTurn();
    yield steps.records(got.page);
  }
}
