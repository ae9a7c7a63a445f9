import { useState } from 'react';
import { testIds } from '../testIds';
import { describeRange, timeToMs, timezoneName, toLocalInput } from '../ui/time';

const QUICK = ['5m', '15m', '30m', '1h', '3h', '6h', '12h', '24h', '2d', '7d'];

interface TimeRangePickerProps {
  from: string;
  to: string;
  onChange(from: string, to: string): void;
}

export function TimeRangePicker({ from, to, onChange }: TimeRangePickerProps) {
  const [open, setOpen] = useState(false);
  const [absFrom, setAbsFrom] = useState(() => toLocalInput(timeToMs(from, Date.now())));
  const [absTo, setAbsTo] = useState(() => toLocalInput(timeToMs(to, Date.now())));
  // Opening shows the range in force now, which a histogram zoom may have changed.
  const toggle = () => {
    if (!open) {
      const now = Date.now();
      setAbsFrom(toLocalInput(timeToMs(from, now)));
      setAbsTo(toLocalInput(timeToMs(to, now)));
    }
    setOpen(!open);
  };
  const apply = () => {
    const f = new Date(absFrom).getTime();
    const t = new Date(absTo).getTime();
    if (Number.isFinite(f) && Number.isFinite(t) && f < t) {
      onChange(String(f), String(t));
      setOpen(false);
    }
  };
  return (
    <div className="time-range" data-testid={testIds.timeRange}>
      <button type="button" className="toolbar-button" onClick={toggle} aria-expanded={open}>
        {describeRange(from, to)} <span className="muted">{timezoneName()}</span>
      </button>
      {open && (
        <div className="time-popover" role="dialog" aria-label="Time range">
          <div className="quick-ranges">
            {QUICK.map((q) => (
              <button
                key={q}
                type="button"
                className={from === `now-${q}` && to === 'now' ? 'active' : ''}
                onClick={() => {
                  onChange(`now-${q}`, 'now');
                  setOpen(false);
                }}
              >
                Last {q}
              </button>
            ))}
          </div>
          <div className="absolute-range">
            <label>
              From{' '}
              <input
                type="datetime-local"
                value={absFrom}
                onChange={(e) => setAbsFrom(e.target.value)}
              />
            </label>
            <label>
              To{' '}
              <input
                type="datetime-local"
                value={absTo}
                onChange={(e) => setAbsTo(e.target.value)}
              />
            </label>
            <button type="button" className="primary" onClick={apply}>
              Apply time range
            </button>
            <p className="muted small">Times in {timezoneName()}</p>
          </div>
        </div>
      )}
    </div>
  );
}
