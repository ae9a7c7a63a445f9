import { useMemo, useState } from 'react';
import { testIds } from '../../testIds';
import { AnsiText } from '../AnsiText';
import { prettyText, shownPart } from './lineText';

/** A line or value: JSON indented, only its first 10,000 characters until asked for all. */
export function LongText({ text, className }: { text: string; className?: string }) {
  const [all, setAll] = useState(false);
  const pretty = useMemo(() => prettyText(text), [text]);
  const shown = shownPart(pretty.text, all);
  return (
    <>
      {/* A long line scrolls sideways: focusable, so the keyboard can scroll it too. */}
      <pre className={className} tabIndex={0}>
        {pretty.json ? shown.text : <AnsiText line={shown.text} />}
        {shown.hidden > 0 && '…'}
      </pre>
      {shown.hidden > 0 && (
        <button
          type="button"
          className="link-button"
          data-testid={testIds.detailsShowAll}
          onClick={() => setAll(true)}
        >
          Show all ({shown.hidden.toLocaleString()} more characters)
        </button>
      )}
    </>
  );
}
