import { useSyncExternalStore } from 'react';

/**
 * The SPA's pages by path, relative to `<base href>` (Logsift may sit under an Ingress prefix).
 * History API only: the server answers index.html for every page path.
 */
export type Route =
  | { page: 'explore' }
  | { page: 'dashboards' }
  | { page: 'dashboard'; id: string }
  | { page: 'queries' }
  | { page: 'not-found'; path: string };

const NAVIGATE = 'logsift:navigate';

function basePathname(): string {
  return new URL(document.baseURI).pathname.replace(/\/$/, '');
}

/** The current page's path below the base path, always starting with `/`. */
export function appPath(): string {
  const base = basePathname();
  const path = window.location.pathname;
  const below = base && path.startsWith(base) ? path.slice(base.length) : path;
  return below.startsWith('/') ? below : `/${below}`;
}

export function routeOf(path: string): Route {
  if (path === '/' || path === '') return { page: 'explore' };
  if (path === '/dashboards' || path === '/dashboards/') return { page: 'dashboards' };
  if (path === '/queries' || path === '/queries/') return { page: 'queries' };
  const dashboard = /^\/dashboards\/([A-Za-z0-9_-]{1,64})\/?$/.exec(path);
  if (dashboard?.[1]) return { page: 'dashboard', id: dashboard[1] };
  return { page: 'not-found', path };
}

/** An href for a base-relative path (`/dashboards/abc?x=1`), for `<a>` and history. */
export function hrefFor(path: string): string {
  return new URL(path.replace(/^\//, ''), document.baseURI).toString();
}

/** Goes to a page without reloading; plain clicks on `<a href={hrefFor(…)}>` should call this. */
export function navigate(path: string, options: { replace?: boolean } = {}): void {
  const url = hrefFor(path);
  if (options.replace) window.history.replaceState(null, '', url);
  else window.history.pushState(null, '', url);
  window.dispatchEvent(new Event(NAVIGATE));
}

/** A click that the browser should handle itself (new tab, download, modified). */
export function isPlainClick(event: {
  button: number;
  metaKey: boolean;
  ctrlKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}): boolean {
  return event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATE, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATE, onChange);
  };
}

/** The page path; re-renders on navigate() and Back/Forward. */
export function useAppPath(): string {
  return useSyncExternalStore(subscribe, appPath, () => '/');
}

/** The query string (`?from=…`); re-renders on navigate() and Back/Forward as the path does. */
export function useAppSearch(): string {
  return useSyncExternalStore(
    subscribe,
    () => window.location.search,
    () => '',
  );
}
