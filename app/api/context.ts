import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { ContextResponse, LogRecord } from '../../model';
import { postJson } from './client';

/** Lines asked each way at first and added by each "load more". */
export const CONTEXT_STEP = 25;

/**
 * The lines around a record in its own stream. Loading more asks again with larger counts;
 * the lines already shown stay until the larger answer arrives.
 */
export const contextQuery = (
  datasource: string,
  record: Pick<LogRecord, 'id' | 'ts' | 'labels' | 'fields'>,
  before: number,
  after: number,
) =>
  queryOptions({
    queryKey: [
      'context',
      datasource,
      record.id,
      record.ts,
      record.labels,
      record.fields,
      before,
      after,
    ],
    queryFn: ({ signal }) =>
      postJson<ContextResponse>(
        '/api/v1/context',
        {
          datasource,
          record: { id: record.id, ts: record.ts, labels: record.labels, fields: record.fields },
          before,
          after,
        },
        signal,
      ),
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: 60_000,
  });
