import { Component, type ErrorInfo, type ReactNode } from 'react';

interface State {
  error: Error | undefined;
}

/**
 * A rendering bug shows what broke and a way back instead of a blank page; the URL still holds
 * the query, so reloading or starting over loses nothing saved.
 */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: undefined };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('Logsift could not draw the page', error, info.componentStack);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div className="crash" role="alert">
        <h1>Logsift could not draw this page</h1>
        <p>
          <code>{error.message}</code>
        </p>
        <p>
          <button type="button" className="primary" onClick={() => window.location.reload()}>
            Reload
          </button>{' '}
          <a href={window.location.pathname}>Start over without this URL's query</a>
        </p>
      </div>
    );
  }
}
