import type { MouseEvent } from 'react';
import { UserMenu } from '../auth/UserMenu';
import { hrefFor, isPlainClick, navigate, type Route } from '../router';
import { testIds } from '../testIds';
import './TopNav.css';

interface NavLink {
  path: string;
  label: string;
  /** The pages this link stands for: a dashboard is under Dashboards. */
  pages: readonly Route['page'][];
}

const LINKS: readonly NavLink[] = [
  { path: '/', label: 'Explore', pages: ['explore'] },
  { path: '/dashboards', label: 'Dashboards', pages: ['dashboards', 'dashboard'] },
  { path: '/queries', label: 'Saved queries', pages: ['queries'] },
];

/** Real links (middle-click opens a tab) that move inside the SPA on a plain click. */
export function followLink(event: MouseEvent<HTMLAnchorElement>, path: string): void {
  if (!isPlainClick(event)) return;
  event.preventDefault();
  navigate(path);
}

/** The slim bar above every page, as Grafana's: the product, then its sections. */
export function TopNav({ route }: { route: Route }) {
  return (
    <nav className="top-nav" aria-label="Logsift" data-testid={testIds.topNav}>
      <a className="top-nav-brand" href={hrefFor('/')} onClick={(e) => followLink(e, '/')}>
        Logsift
      </a>
      {LINKS.map((link) => {
        const current = link.pages.includes(route.page);
        return (
          <a
            key={link.path}
            className="top-nav-link"
            href={hrefFor(link.path)}
            aria-current={current ? 'page' : undefined}
            data-testid={testIds.topNavLink}
            onClick={(e) => followLink(e, link.path)}
          >
            {link.label}
          </a>
        );
      })}
      <UserMenu />
    </nav>
  );
}
