import { useQuery } from '@tanstack/react-query';
import type { LogRecord } from '../../model';
import { recordQuery } from '../api/queries';
import { testIds } from '../testIds';
import { formatLogTime } from '../ui/time';
import { AnsiText } from './AnsiText';

interface LogDetailsProps {
  record: LogRecord;
  /** Set when the datasource gives a record in full (CloudWatch GetLogRecord): its fields are read from it. */
  fetchFrom?: string | undefined;
  onFilter(field: string, value: string, exclude: boolean): void;
  onClose(): void;
}

function FieldTable({
  title,
  values,
  onFilter,
}: {
  title: string;
  values: Record<string, string>;
  onFilter: LogDetailsProps['onFilter'];
}) {
  const names = Object.keys(values).sort();
  if (names.length === 0) return null;
  return (
    <table className="field-table">
      <caption>{title}</caption>
      <tbody>
        {names.map((name) => (
          <tr key={name}>
            <td className="field-actions">
              <button
                type="button"
                title="Filter for value"
                onClick={() => onFilter(name, values[name] ?? '', false)}
              >
                +
              </button>
              <button
                type="button"
                title="Filter out value"
                onClick={() => onFilter(name, values[name] ?? '', true)}
              >
                −
              </button>
            </td>
            <th scope="row">{name}</th>
            <td className="field-value">{values[name]}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function LogDetails({ record: listed, fetchFrom, onFilter, onClose }: LogDetailsProps) {
  // A list row holds the fields its query asked for; the full record has every one.
  const full = useQuery({
    ...recordQuery(fetchFrom ?? '', listed.id),
    enabled: fetchFrom !== undefined,
  });
  const record = full.data ?? listed;
  return (
    <section className="panel log-details" data-testid={testIds.logDetails}>
      <header className="panel-header">
        <span>
          {formatLogTime(record.ts)} ·{' '}
          <span className={`level level-${record.level}`}>{record.level}</span>
        </span>
        <button type="button" className="ghost" onClick={onClose} aria-label="Close details">
          ✕
        </button>
      </header>
      <pre className="details-line">
        <AnsiText line={record.line} />
      </pre>
      <FieldTable title="Labels" values={record.labels} onFilter={onFilter} />
      <FieldTable title="Fields" values={record.fields} onFilter={onFilter} />
      <p className="muted small">
        id {record.id} · ts {record.ts} ns · source {record.source}
        {full.isFetching && ' · reading the whole record…'}
        {full.error && ` · ${full.error.message}`}
      </p>
    </section>
  );
}
