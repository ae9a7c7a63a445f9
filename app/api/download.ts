import type { DownloadFormat, Language } from '../../model';
import { apiUrl } from './client';

export interface DownloadQuery {
  /** One datasource, or several for a federated download. */
  datasources: string[];
  language: Language;
  query: string;
  /** Epoch milliseconds or relative time (`now-1h`), as the URL and /query take them. */
  from: number | string;
  to: number | string;
  /** One index, alias or data stream (Elasticsearch). */
  target?: string;
  /** Several log groups (CloudWatch). */
  targets?: string[];
}

/**
 * The address of GET /api/v1/download for a query: a plain link, so the browser saves the
 * file as it streams instead of the page holding it in memory. Without a limit the server
 * sends everything up to its own maximum.
 */
export function downloadUrl(q: DownloadQuery, format: DownloadFormat): string {
  const params = new URLSearchParams();
  for (const ds of q.datasources) params.append('ds', ds);
  params.set('lang', q.language);
  params.set('q', q.query);
  params.set('from', String(q.from));
  params.set('to', String(q.to));
  params.set('format', format);
  if (q.target) params.set('t', q.target);
  for (const group of q.targets ?? []) params.append('tg', group);
  return apiUrl(`api/v1/download?${params.toString()}`);
}
