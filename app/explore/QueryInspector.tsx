import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { ApiRequestError } from '../api/client';
import { explainQuery, type QueryTarget } from '../api/queries';
import { testIds } from '../testIds';
import { useDebounced } from '../ui/useDebounced';
import { NativeRequestView } from './NativeRequestView';
import './QueryInspector.css';

interface QueryInspectorProps extends QueryTarget {
  /** The histogram's width: its request is shown at the step the chart asks for. */
  chartWidth: number;
  onClose(): void;
}

/**
 * What the log query sends to the backend, asked of /api/v1/explain for the query as it
 * stands in the editor, so it can be checked before it is run.
 */
export function QueryInspector({
  datasource,
  language,
  query,
  from,
  to,
  chartWidth,
  onClose,
}: QueryInspectorProps) {
  const settledQuery = useDebounced(query, 300);
  const explain = useQuery({
    ...explainQuery({ datasource, language, query: settledQuery, from, to }, chartWidth),
    enabled: !!datasource,
  });

  useEffect(() => {
    // Escape that closed something else first (the editor's completion list) is not ours.
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented) onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  return (
    <section className="panel inspector" data-testid={testIds.explain} aria-label="Query inspector">
      <header className="panel-header">
        <span>
          Query inspector <span className="muted">· requests the log query sends</span>
        </span>
        <button type="button" className="ghost" onClick={onClose} aria-label="Close inspector">
          ✕
        </button>
      </header>
      <div className={explain.isPlaceholderData ? 'inspector-body stale' : 'inspector-body'}>
        {explain.error ? (
          <ExplainError error={explain.error} />
        ) : !explain.data ? (
          <p className="muted">Asking the server…</p>
        ) : explain.data.requests.length === 0 ? (
          <p className="muted">This query sends no request.</p>
        ) : (
          explain.data.requests.map((request, i) => <NativeRequestView key={i} request={request} />)
        )}
      </div>
    </section>
  );
}

/** Shown in the panel only: the editor keeps marking the errors of the query that ran. */
function ExplainError({ error }: { error: Error }) {
  return (
    <div className="error-box" role="alert">
      {error instanceof ApiRequestError && <strong>{error.body.code.replace('_', ' ')}</strong>}{' '}
      {error.message}
    </div>
  );
}
