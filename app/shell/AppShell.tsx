import type { ReactNode } from 'react';
import type { Route } from '../router';
import { StatusStrip } from './StatusStrip';
import { TopNav } from './TopNav';
import './TopNav.css';

/** Every page under the top bar and the status strip, filling the rest of the viewport. */
export function AppShell({ route, children }: { route: Route; children: ReactNode }) {
  return (
    <div className="app-shell">
      <TopNav route={route} />
      <StatusStrip />
      <div className="app-page">{children}</div>
    </div>
  );
}
