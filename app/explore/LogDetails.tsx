import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { LogRecord } from '../../model';
import { recordQuery } from '../api/queries';
import { testIds } from '../testIds';
import { formatLogTime } from '../ui/time';
import { ContextView } from './details/ContextView';
import { CopyButton } from './details/CopyButton';
import { FieldTable, type FieldActions } from './details/FieldTable';
import { lineLink } from './details/lineLink';
import { LongText } from './details/LongText';
import './details/LogDetails.css';

interface LogDetailsProps extends FieldActions {
  record: LogRecord;
  /** Set when the datasource gives a record in full (CloudWatch GetLogRecord): its fields are read from it. */
  fetchFrom?: string | undefined;
  /** The datasource to read the lines around the record from, when it can. */
  contextFrom?: string | undefined;
  onClose(): void;
}

/** Esc typed in the editor or a field belongs to them (closing a completion list, say). */
function ownsEscape(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  return target.closest('input, textarea, select, [contenteditable="true"], .cm-editor') !== null;
}

export function LogDetails({
  record: listed,
  fetchFrom,
  contextFrom,
  onClose,
  ...actions
}: LogDetailsProps) {
  // A list row holds the fields its query asked for; the full record has every one.
  const full = useQuery({
    ...recordQuery(fetchFrom ?? '', listed.id),
    enabled: fetchFrom !== undefined,
  });
  const record = full.data ?? listed;
  // Where the whole record is read, context waits for it: a list row may lack the fields
  // (CloudWatch's @logStream) that name its stream.
  const contextRecord = fetchFrom !== undefined && !full.error ? full.data : listed;
  // Context stays open for the line it was opened on only; another line starts closed.
  const [contextOf, setContextOf] = useState<string>();
  const showContext = contextOf === listed.id;

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented || ownsEscape(event.target)) return;
      onClose();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onClose]);

  return (
    <section
      className="panel log-details"
      data-testid={testIds.logDetails}
      data-record-id={record.id}
      aria-label="Line details"
    >
      <header className="panel-header">
        <span>
          {formatLogTime(record.ts)} ·{' '}
          <span className={`level level-${record.level}`}>{record.level}</span>
        </span>
        <button type="button" className="ghost" onClick={onClose} aria-label="Close details">
          ✕
        </button>
      </header>
      <div className="details-actions">
        <CopyButton
          text={() => record.line}
          label="Copy line"
          title="Copy the line"
          testId={testIds.detailsCopyLine}
        />
        <CopyButton
          text={() => lineLink(window.location.href, record.id)}
          label="Copy link"
          title="Copy a link to this line"
          testId={testIds.detailsCopyLink}
        />
        {contextFrom !== undefined && (
          <button
            type="button"
            aria-expanded={showContext}
            aria-label={showContext ? 'Hide context' : 'Show context'}
            data-testid={testIds.showContext}
            onClick={() => setContextOf(showContext ? undefined : listed.id)}
          >
            {showContext ? 'Hide context' : 'Show context'}
          </button>
        )}
      </div>
      <LongText text={record.line} className="details-line" />
      {showContext && contextFrom !== undefined && contextRecord && (
        <ContextView key={contextRecord.id} datasource={contextFrom} record={contextRecord} />
      )}
      <FieldTable title="Labels" values={record.labels} actions={actions} />
      <FieldTable title="Fields" values={record.fields} actions={actions} />
      <p className="muted small">
        id {record.id} · ts {record.ts} ns · source {record.source}
        {full.isFetching && ' · reading the whole record…'}
        {full.error && ` · ${full.error.message}`}
      </p>
    </section>
  );
}
