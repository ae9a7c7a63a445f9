import { useEffect, useMemo, useState } from 'react';
import type { ExplainedRequest } from '../../model';
import { testIds } from '../testIds';
import { toCurl } from './curl';

type CopyState = 'idle' | 'copied' | 'manual';

const selectAll = (area: HTMLTextAreaElement | null): void => {
  area?.focus();
  area?.select();
};

/**
 * One native request: method and URL, the headers that choose what it reads (Loki's tenant),
 * parameters, JSON body, and a curl command to copy.
 */
export function NativeRequestView({ request }: { request: ExplainedRequest }) {
  const [copy, setCopy] = useState<CopyState>('idle');
  const command = useMemo(() => toCurl(request), [request]);
  // Headers first, written `Name:` as on the wire, in the params' table so the columns align.
  const rows = [
    ...Object.entries(request.headers ?? {}).map(([name, value]) => [`${name}:`, value]),
    ...Object.entries(request.params ?? {}),
  ];

  useEffect(() => {
    if (copy !== 'copied') return undefined;
    const timer = setTimeout(() => setCopy('idle'), 1500);
    return () => clearTimeout(timer);
  }, [copy]);

  const copyCurl = () => {
    // The Clipboard API exists only in secure contexts, and a NodePort over plain HTTP is not
    // one: then the command is shown selected for Ctrl+C.
    if (!navigator.clipboard) {
      setCopy('manual');
      return;
    }
    navigator.clipboard.writeText(command).then(
      () => setCopy('copied'),
      () => setCopy('manual'),
    );
  };

  return (
    <article className="native-request" data-testid={testIds.explainRequest}>
      <header className="native-request-line">
        <span className="http-method">{request.method}</span>
        <span className="native-url">{request.url}</span>
        <span className="muted small">{request.datasource}</span>
        <button type="button" className="toolbar-button compact" onClick={copyCurl}>
          {copy === 'copied' ? 'Copied' : 'Copy as curl'}
        </button>
      </header>
      {copy === 'manual' && (
        <div className="curl-fallback">
          <p className="muted small">The browser keeps the clipboard closed here: press Ctrl+C.</p>
          <textarea
            readOnly
            aria-label="curl command"
            value={command}
            // Unwrapped, one option a line, so the rows fit the command exactly.
            wrap="off"
            rows={command.split('\n').length}
            ref={selectAll}
          />
        </div>
      )}
      {rows.length > 0 && (
        <table className="param-table">
          <tbody>
            {rows.map(([name, value]) => (
              <tr key={name}>
                <th scope="row">{name}</th>
                <td>{value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {request.body !== undefined && (
        <pre className="native-body">{JSON.stringify(request.body, null, 2)}</pre>
      )}
    </article>
  );
}
