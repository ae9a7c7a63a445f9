import type { RecordShape } from './records';

export type Dsl = Record<string, unknown>;

const MATCH_ALL: Dsl = { match_all: {} };

/** The user's query and the time range, as Kibana's buildEsQuery puts them: both in `filter`. */
export function rangedQuery(
  user: Dsl,
  timeField: string,
  fromMs: number,
  toMs: number | string,
): Dsl {
  const range = { range: { [timeField]: { gte: fromMs, lte: toMs, format: 'epoch_millis' } } };
  const isAll = JSON.stringify(user) === JSON.stringify(MATCH_ALL);
  return { bool: { filter: isAll ? [range] : [user, range] } };
}

export function timeSort(shape: RecordShape, direction: 'backward' | 'forward'): Dsl[] {
  return [
    {
      [shape.timeField]: {
        order: direction === 'backward' ? 'desc' : 'asc',
        unmapped_type: 'boolean',
      },
    },
  ];
}

export function isMatchAll(dsl: Dsl): boolean {
  return JSON.stringify(dsl) === JSON.stringify(MATCH_ALL);
}

export { MATCH_ALL };
