import { memo, type ReactNode } from 'react';
import { isPlain, parseAnsi } from './ansi';
import { splitByTerms, type Highlight } from './highlights';

const NONE: Highlight = { terms: [], ignoreCase: false };

function marked(text: string, highlight: Highlight, key: string): ReactNode {
  if (highlight.terms.length === 0) return text;
  return splitByTerms(text, highlight).map((piece, i) =>
    piece.hit ? <mark key={`${key}-${i}`}>{piece.text}</mark> : piece.text,
  );
}

/**
 * A log line as React text nodes: colour from ANSI codes, the query's terms marked,
 * and nothing else from the line acts.
 */
export const AnsiText = memo(function AnsiText({
  line,
  highlight = NONE,
}: {
  line: string;
  highlight?: Highlight;
}) {
  if (isPlain(line)) return <>{marked(line, highlight, 'p')}</>;
  return (
    <>
      {parseAnsi(line).map((span, i) =>
        span.fg || span.bold ? (
          <span key={i} style={{ color: span.fg, fontWeight: span.bold ? 600 : undefined }}>
            {marked(span.text, highlight, String(i))}
          </span>
        ) : (
          <span key={i}>{marked(span.text, highlight, String(i))}</span>
        ),
      )}
    </>
  );
});
