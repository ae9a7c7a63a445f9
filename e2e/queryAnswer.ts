import type { Response } from '@playwright/test';
import { expandSharedSets, type QueryResponse } from '../model';

/** An /api/v1/query answer as Explore reads it: Explore asks for shared label and field sets. */
export async function queryAnswer(response: Response): Promise<QueryResponse> {
  const body = (await response.json()) as QueryResponse;
  return { ...body, records: expandSharedSets(body.records) };
}
