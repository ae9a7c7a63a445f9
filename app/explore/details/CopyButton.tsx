import { useEffect, useState, type ReactNode } from 'react';
import { copyText } from './clipboard';

type State = 'idle' | 'copied' | 'failed';

/** A button that copies what `text()` gives and says so for a moment. */
export function CopyButton({
  text,
  label,
  title,
  testId,
  className,
  copiedLabel = 'Copied',
}: {
  text: () => string;
  /** Said after copying; short for icon-sized buttons. */
  copiedLabel?: string;
  label: ReactNode;
  title: string;
  testId?: string;
  className?: string;
}) {
  const [state, setState] = useState<State>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 1_500);
    return () => clearTimeout(timer);
  }, [state]);
  return (
    <button
      type="button"
      className={className}
      title={title}
      aria-label={title}
      data-testid={testId}
      onClick={() => {
        copyText(text()).then(
          () => setState('copied'),
          () => setState('failed'),
        );
      }}
    >
      {state === 'copied' ? copiedLabel : state === 'failed' ? 'Copy failed' : label}
    </button>
  );
}
