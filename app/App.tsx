import { DashboardPage } from './dashboards/DashboardPage';
import { DashboardsPage } from './dashboards/list/DashboardsPage';
import { ExploreLayout } from './explore/ExploreLayout';
import { routeOf, useAppPath } from './router';

/** One page per route; Explore stays at `/` so every link shared before dashboards still opens. */
export function App() {
  const route = routeOf(useAppPath());
  switch (route.page) {
    case 'explore':
      return <ExploreLayout />;
    case 'dashboard':
      return <DashboardPage key={route.id} id={route.id} />;
    case 'dashboards':
      return <DashboardsPage />;
    default:
      return <ExploreLayout />;
  }
}
