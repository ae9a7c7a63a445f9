import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { LogRecord } from '../../../model';
import { CONTEXT_STEP, contextQuery } from '../../api/context';
import { testIds } from '../../testIds';
import { formatLogTime } from '../../ui/time';
import { AnsiText } from '../AnsiText';
import { shownPart } from './lineText';

/** `{k="v", …}`: the stream the lines are read from, as LogQL writes a selector. */
export function streamName(labels: Record<string, string>): string {
  const names = Object.keys(labels).sort();
  return `{${names.map((k) => `${k}=${JSON.stringify(labels[k])}`).join(', ')}}`;
}

function ContextLine({
  record,
  current,
  lineRef,
}: {
  record: LogRecord;
  current?: boolean;
  lineRef?: React.Ref<HTMLLIElement>;
}) {
  // One row per line: a long line is cut here; the whole of it is one click away in the list.
  const { text } = shownPart(record.line, false);
  return (
    <li
      ref={lineRef}
      className={current ? 'context-line current' : 'context-line'}
      data-testid={current ? testIds.contextRecord : testIds.contextLine}
      data-ts={record.ts}
      aria-current={current ? 'true' : undefined}
    >
      <time className="muted">{formatLogTime(record.ts)}</time>
      <span className={`level level-${record.level}`}>{record.level.slice(0, 4)}</span>
      <span className="context-text">
        <AnsiText line={text} />
      </span>
    </li>
  );
}

/** The lines before and after a record in its own stream, the record between them. */
export function ContextView({ datasource, record }: { datasource: string; record: LogRecord }) {
  const [before, setBefore] = useState(CONTEXT_STEP);
  const [after, setAfter] = useState(CONTEXT_STEP);
  const context = useQuery(contextQuery(datasource, record, before, after));
  const data = context.data;
  // Fewer lines than asked means the stream (or the window read) ends there.
  const moreBefore = data !== undefined && data.before.length >= before;
  const moreAfter = data !== undefined && data.after.length >= after;
  // Once the first lines arrive, the record is brought into view between them.
  const currentRef = useRef<HTMLLIElement>(null);
  const arrived = data !== undefined;
  useEffect(() => {
    if (arrived) currentRef.current?.scrollIntoView?.({ block: 'center' });
  }, [arrived]);
  return (
    <section className="context-view" data-testid={testIds.contextView} aria-label="Context">
      <header className="context-header">
        <span className="muted">stream</span>{' '}
        <code className="context-stream">{streamName(record.labels)}</code>
        {context.isFetching && <span className="muted"> · loading…</span>}
      </header>
      {context.error && (
        <p className="context-error" role="alert">
          {context.error.message}
        </p>
      )}
      {moreBefore && (
        <LoadMore
          side="before"
          testId={testIds.contextMoreBefore}
          busy={context.isFetching}
          onClick={() => setBefore((n) => n + CONTEXT_STEP)}
        />
      )}
      <ol className="context-lines">
        {data?.before.map((r) => (
          <ContextLine key={r.id} record={r} />
        ))}
        <ContextLine record={record} current lineRef={currentRef} />
        {data?.after.map((r) => (
          <ContextLine key={r.id} record={r} />
        ))}
      </ol>
      {data && data.before.length === 0 && data.after.length === 0 && (
        <p className="muted small">no other lines of this stream near it</p>
      )}
      {moreAfter && (
        <LoadMore
          side="after"
          testId={testIds.contextMoreAfter}
          busy={context.isFetching}
          onClick={() => setAfter((n) => n + CONTEXT_STEP)}
        />
      )}
    </section>
  );
}

function LoadMore(props: {
  side: 'before' | 'after';
  testId: string;
  busy: boolean;
  onClick(): void;
}) {
  return (
    <button
      type="button"
      className="link-button"
      data-testid={props.testId}
      disabled={props.busy}
      onClick={props.onClick}
    >
      Load {CONTEXT_STEP} more {props.side}
    </button>
  );
}
