import { memo } from 'react';
import { isPlain, parseAnsi } from './ansi';

/** A log line as React text nodes: colour from ANSI codes, nothing else from the line acts. */
export const AnsiText = memo(function AnsiText({ line }: { line: string }) {
  if (isPlain(line)) return <>{line}</>;
  return (
    <>
      {parseAnsi(line).map((span, i) =>
        span.fg || span.bold ? (
          <span key={i} style={{ color: span.fg, fontWeight: span.bold ? 600 : undefined }}>
            {span.text}
          </span>
        ) : (
          <span key={i}>{span.text}</span>
        ),
      )}
    </>
  );
});
