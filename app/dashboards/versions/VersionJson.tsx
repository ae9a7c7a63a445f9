import { useQuery } from '@tanstack/react-query';
import { dashboardsApi } from '../../api/saved';

/** One saved version as JSON, to compare before restoring it. */
export function VersionJson({ dashboardId, version }: { dashboardId: string; version: number }) {
  const answer = useQuery({
    queryKey: ['dashboards', 'version', dashboardId, version],
    queryFn: () => dashboardsApi.version(dashboardId, version),
    // A saved version never changes.
    staleTime: Infinity,
  });
  if (answer.isPending) return <p className="muted small">Loading…</p>;
  if (answer.isError) return <p className="versions-message">{answer.error.message}</p>;
  return <pre className="version-json">{JSON.stringify(answer.data, null, 2)}</pre>;
}
