import { DashboardsPage } from './dashboards/list/DashboardsPage';
import { ExploreLayout } from './explore/ExploreLayout';
import { routeOf, useAppPath, type Route } from './router';
import { SavedQueriesPage } from './saved/SavedQueriesPage';
import { AppShell } from './shell/AppShell';

/** One page per route; Explore stays at `/` so every link shared before dashboards still opens. */
export function App() {
  const route = routeOf(useAppPath());
  return <AppShell route={route}>{pageFor(route)}</AppShell>;
}

function pageFor(route: Route) {
  switch (route.page) {
    case 'explore':
      return <ExploreLayout />;
    case 'dashboards':
      return <DashboardsPage />;
    case 'queries':
      return <SavedQueriesPage />;
    default:
      return <ExploreLayout />;
  }
}
