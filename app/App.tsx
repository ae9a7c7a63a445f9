import { lazy, Suspense } from 'react';
import { AuthGate } from './auth/AuthGate';
import { DashboardPage } from './dashboards/DashboardPage';
import { DashboardsPage } from './dashboards/list/DashboardsPage';
import { routeOf, useAppPath, type Route } from './router';
import { SavedQueriesPage } from './saved/SavedQueriesPage';
import { AppShell } from './shell/AppShell';
import { NotFoundPage } from './shell/NotFoundPage';

// Explore's editors (CodeMirror, the languages, completion) are most of the code: a dashboard
// opened from a link draws its panels without first parsing them.
const ExploreLayout = lazy(() =>
  import('./explore/ExploreLayout').then((m) => ({ default: m.ExploreLayout })),
);

/** One page per route; Explore stays at `/` so every link shared before dashboards still opens. */
export function App() {
  const route = routeOf(useAppPath());
  return (
    <AuthGate>
      <AppShell route={route}>
        <Suspense fallback={null}>{pageFor(route)}</Suspense>
      </AppShell>
    </AuthGate>
  );
}

function pageFor(route: Route) {
  switch (route.page) {
    case 'explore':
      return <ExploreLayout />;
    case 'dashboard':
      return <DashboardPage key={route.id} id={route.id} />;
    case 'dashboards':
      return <DashboardsPage />;
    case 'queries':
      return <SavedQueriesPage />;
    case 'not-found':
      return <NotFoundPage path={route.path} />;
  }
}
