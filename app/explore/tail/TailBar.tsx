import { testIds } from '../../testIds';
import { TAIL_KEEP } from './tailController';
import { formatRate, pausedText } from './tailText';
import type { TailState } from './useTail';
import './TailBar.css';

/** The live tail's controls and counters, in the result bar beside the line count. */
interface TailBarProps {
  tail: TailState;
  /** False once the user scrolled the list up: new lines arrive below, out of view. */
  following?: boolean;
}

export function TailBar({ tail, following = true }: TailBarProps) {
  const full = tail.records.length >= TAIL_KEEP;
  return (
    <div className="tail-bar" data-testid={testIds.tailBar} role="toolbar" aria-label="Live tail">
      <span data-testid={testIds.tailRate} className="tail-rate">
        {formatRate(tail.linesPerSecond)}
      </span>
      {full && (
        <span className="muted" title="Older lines leave the list as new ones arrive">
          the newest {TAIL_KEEP.toLocaleString('en-US')} kept
        </span>
      )}
      {tail.paused && (
        <span className="tail-paused" role="status" data-testid={testIds.tailPending}>
          {pausedText(tail.pending)}
        </span>
      )}
      {!following && !tail.paused && (
        <span className="tail-paused" role="status">
          scrolled up · new lines below
        </span>
      )}
      <button
        type="button"
        className="toolbar-button"
        data-testid={testIds.tailPause}
        aria-pressed={tail.paused}
        onClick={tail.paused ? tail.resume : tail.pause}
      >
        {tail.paused ? '▶ Resume' : '❚❚ Pause'}
      </button>
      <button
        type="button"
        className="toolbar-button"
        data-testid={testIds.tailClear}
        onClick={tail.clear}
      >
        Clear
      </button>
      {tail.dropped > 0 && (
        <span
          className="warn"
          data-testid={testIds.tailDropped}
          title="The server dropped lines this page could not take in time"
        >
          dropped {tail.dropped.toLocaleString('en-US')} lines (too fast)
        </span>
      )}
      {tail.sampled && (
        <span className="warn" title="CloudWatch Live Tail sends at most 500 lines a second">
          sampled: more lines arrive than the backend sends
        </span>
      )}
      {tail.warnings.length > 0 && <span className="muted">{tail.warnings.join('; ')}</span>}
    </div>
  );
}
