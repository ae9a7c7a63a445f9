import { hrefFor, isPlainClick, navigate } from '../router';
import './NotFoundPage.css';

/** A path no page serves, or a short link that leads nowhere: said plainly, with a way on. */
export function NotFoundPage({ path }: { path: string }) {
  const shortLink = /^\/s\/[^/]+$/.test(path);
  const go = (to: string) => (event: React.MouseEvent) => {
    if (!isPlainClick(event)) return;
    event.preventDefault();
    navigate(to);
  };
  return (
    <main className="not-found" data-testid="not-found">
      <h1>{shortLink ? 'This short link leads nowhere' : 'No page here'}</h1>
      <p>
        {shortLink
          ? 'No link is saved under this address: it may have been mistyped or cut short when it was copied.'
          : `Logsift has no page at ${path}.`}
      </p>
      <p>
        <a href={hrefFor('/')} onClick={go('/')}>
          Open Explore
        </a>
        {' · '}
        <a href={hrefFor('/dashboards')} onClick={go('/dashboards')}>
          Browse dashboards
        </a>
      </p>
    </main>
  );
}
