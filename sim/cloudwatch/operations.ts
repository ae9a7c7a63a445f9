import type { Operation } from './context';
import { filterLogEvents } from './eventOperations';
import { getLogEvents } from './getLogEvents';
import { describeLogGroups, getLogGroupFields } from './groupOperations';
import {
  describeQueries,
  getLogRecord,
  getQueryResults,
  startQuery,
  stopQuery,
} from './queryOperations';

export const TARGET_PREFIX = 'Logs_20140328.';

/** The JSON operations, by the name `X-Amz-Target` carries (StartLiveTail streams: server.ts). */
export const OPERATIONS: Record<string, Operation> = {
  StartQuery: startQuery,
  GetQueryResults: getQueryResults,
  StopQuery: stopQuery,
  DescribeQueries: describeQueries,
  GetLogRecord: getLogRecord,
  DescribeLogGroups: describeLogGroups,
  GetLogGroupFields: getLogGroupFields,
  FilterLogEvents: filterLogEvents,
  GetLogEvents: getLogEvents,
};
