import { useMemo } from 'react';
import type { Dashboard } from '../../model';
import { navigate, useAppSearch } from '../router';
import { dashboardViewSearch, readDashboardView, type DashboardView } from './dashboardUrl';

/**
 * The view (range, refresh, variable values) lives in the URL: each change is a history entry,
 * so Back/Forward step through them and a copied link opens the same view.
 */
export function useDashboardView(
  dashboard: Dashboard | undefined,
): [
  DashboardView | undefined,
  (change: Partial<DashboardView>, options?: { replace?: boolean }) => void,
] {
  const search = useAppSearch();
  const view = useMemo(
    () => (dashboard ? readDashboardView(dashboard, search) : undefined),
    [dashboard, search],
  );
  const change = (next: Partial<DashboardView>, options: { replace?: boolean } = {}) => {
    if (!dashboard || !view) return;
    navigate(`/dashboards/${dashboard.id}${dashboardViewSearch({ ...view, ...next })}`, options);
  };
  return [view, change];
}
