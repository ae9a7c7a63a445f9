import type { Dashboard, DashboardBodyInput } from '../../../model';
import { conflictCurrent, dashboardsApi } from '../../api/saved';

export type AddOutcome = { saved: Dashboard } | { conflict: Dashboard };

/**
 * Adds a panel to the dashboard as it is on the server. Adding does not clash with what others
 * changed, so a 409 reloads their version and adds to it once more; a second 409 (a busy
 * dashboard) goes to the user.
 */
export async function addPanelTo(
  id: string,
  add: (d: Dashboard) => DashboardBodyInput,
): Promise<AddOutcome> {
  let dashboard = await dashboardsApi.get(id);
  for (let attempt = 0; ; attempt++) {
    try {
      return { saved: await dashboardsApi.update(id, dashboard.version, add(dashboard)) };
    } catch (error) {
      const current = conflictCurrent<Dashboard>(error);
      if (!current) throw error;
      if (attempt > 0) return { conflict: current };
      dashboard = current;
    }
  }
}
