import { memo, type ReactNode } from 'react';
import { isPlain, parseAnsi } from './ansi';
import { splitByTerms } from './highlights';

function marked(text: string, terms: readonly string[], key: string): ReactNode {
  if (terms.length === 0) return text;
  return splitByTerms(text, terms).map((piece, i) =>
    piece.hit ? <mark key={`${key}-${i}`}>{piece.text}</mark> : piece.text,
  );
}

/**
 * A log line as React text nodes: colour from ANSI codes, the query's `|=` terms marked,
 * and nothing else from the line acts.
 */
export const AnsiText = memo(function AnsiText({
  line,
  terms = [],
}: {
  line: string;
  terms?: readonly string[];
}) {
  if (isPlain(line)) return <>{marked(line, terms, 'p')}</>;
  return (
    <>
      {parseAnsi(line).map((span, i) =>
        span.fg || span.bold ? (
          <span key={i} style={{ color: span.fg, fontWeight: span.bold ? 600 : undefined }}>
            {marked(span.text, terms, String(i))}
          </span>
        ) : (
          <span key={i}>{marked(span.text, terms, String(i))}</span>
        ),
      )}
    </>
  );
});
