import { useQuery } from '@tanstack/react-query';
import type { StatusResponse } from '../../model';
import { apiFetch, ApiRequestError } from '../api/client';
import { testIds } from '../testIds';
import { statusLine } from './statusLines';
import './StatusStrip.css';

/** Often enough to see a backend come back within a minute, rarely enough to cost nothing. */
const STATUS_EVERY_MS = 30_000;

/**
 * What is degraded right now (a datasource not answering, saved objects unavailable), one line
 * each under the top bar, like Grafana's datasource health banners; nothing when all is well.
 */
export function StatusStrip() {
  const status = useQuery({
    queryKey: ['status'],
    queryFn: ({ signal }) => apiFetch<StatusResponse>('/api/v1/status', { signal }),
    refetchInterval: STATUS_EVERY_MS,
    retry: false,
  });
  const lines = status.data?.problems.map(statusLine) ?? [];
  // An answer refused (sign-in, a 4xx) is the page's own business; no answer at all is not.
  const unreachable =
    status.error && !(status.error instanceof ApiRequestError && status.error.status < 500);
  if (unreachable) lines.unshift(`The Logsift server is not answering: ${status.error.message}`);
  if (lines.length === 0) return null;
  return (
    <div className="status-strip" role="status" data-testid={testIds.statusStrip}>
      {lines.map((line) => (
        <p key={line}>{line}</p>
      ))}
    </div>
  );
}
