import { downloadUrl } from '../../api/download';
import { requestBody } from '../../api/queries';
import type { SubmittedQuery } from '../../state/exploreStore';
import { testIds } from '../../testIds';
import { usePopover } from '../../ui/usePopover';
import './download.css';

const FORMATS = [
  { format: 'log', label: 'Log lines (.log)', hint: 'time and line, as the service wrote it' },
  { format: 'ndjson', label: 'NDJSON', hint: 'one record per line, labels and fields included' },
  { format: 'csv', label: 'CSV', hint: 'time, source, level, labels and fields as columns' },
] as const;

/**
 * Every result of the query that ran, up to the server's limit, not only the rows drawn: plain
 * links, so the browser streams the file to disk instead of the page holding it.
 */
export function DownloadMenu({ query }: { query: SubmittedQuery }) {
  const { box, open, setOpen, onKeyDown } = usePopover<HTMLDivElement>();
  const { datasource, ...asked } = requestBody(query);
  const datasources = Array.isArray(datasource) ? datasource : [datasource];
  return (
    <div className="download-menu" ref={box}>
      <button
        type="button"
        className="toolbar-button"
        data-testid={testIds.downloadToggle}
        aria-haspopup="true"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        onKeyDown={onKeyDown}
      >
        Download ▾
      </button>
      {open && (
        <ul className="download-options" aria-label="Download all results as">
          {FORMATS.map((f) => (
            <li key={f.format}>
              <a
                href={downloadUrl({ ...asked, datasources }, f.format)}
                download
                data-testid={testIds.downloadLink}
                data-format={f.format}
                onClick={() => setOpen(false)}
              >
                {f.label}
                <span className="muted small">{f.hint}</span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
