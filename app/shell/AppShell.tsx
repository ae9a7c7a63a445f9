import type { ReactNode } from 'react';
import type { Route } from '../router';
import { TopNav } from './TopNav';
import './TopNav.css';

/** Every page under the top bar, filling the rest of the viewport. */
export function AppShell({ route, children }: { route: Route; children: ReactNode }) {
  return (
    <div className="app-shell">
      <TopNav route={route} />
      <div className="app-page">{children}</div>
    </div>
  );
}
