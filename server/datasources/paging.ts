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
