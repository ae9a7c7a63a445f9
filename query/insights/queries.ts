import { binPeriod } from './durations';
import { fieldName } from './literals';

/**
 * The commands of a query that choose its records (filter, parse, and fields whose names filters
 * use), as Insights text in order: a log query, a histogram and facets are built on the same ones.
 */
export type InsightsSelection = readonly string[];

/** The system fields every log row needs: `@ptr`, the record's id, comes with them. */
export const LOG_FIELDS = 'fields @timestamp, @message, @logStream, @log';

const pipeline = (commands: readonly string[]): string => commands.join(' | ');

/** The newest `limit` records the selection keeps. */
export function insightsLogQuery(selection: InsightsSelection, limit: number): string {
  return pipeline([LOG_FIELDS, ...selection, 'sort @timestamp desc', `limit ${limit}`]);
}

/** Counts per `stepMs` bin, split by the level field when there is one. */
export function insightsHistogramQuery(
  selection: InsightsSelection,
  stepMs: number,
  levelField?: string,
): string {
  const level = levelField ? `, ${fieldName(levelField)}` : '';
  return pipeline([...selection, `stats count(*) by bin(${binPeriod(stepMs)})${level}`]);
}

/** The `limit` most frequent values of a field. */
export function insightsFacetQuery(
  selection: InsightsSelection,
  field: string,
  limit: number,
): string {
  return pipeline([
    ...selection,
    `stats count(*) as count by ${fieldName(field)}`,
    'sort count desc',
    `limit ${limit}`,
  ]);
}
