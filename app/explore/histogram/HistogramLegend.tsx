import type { Histogram } from '../../../model';
import { testIds } from '../../testIds';
import { seriesColour } from '../histogramData';
import { toggleSeries } from './seriesToggle';

interface LegendProps {
  histogram: Histogram;
  hidden: readonly string[];
  onChange(hidden: string[]): void;
}

/** One toggle per series: a click hides or shows it, with Shift or Ctrl it is shown alone. */
export function HistogramLegend({ histogram, hidden, onChange }: LegendProps) {
  const names = histogram.series.map((s) => s.name);
  return (
    <div
      className="histogram-legend"
      data-testid={testIds.histogramLegend}
      role="group"
      aria-label="Series"
    >
      {histogram.series.map((s, i) => {
        const on = !hidden.includes(s.name);
        return (
          <button
            key={s.name}
            type="button"
            className={on ? 'legend-toggle' : 'legend-toggle off'}
            aria-pressed={on}
            title="Click to hide or show; Shift or Ctrl-click to show it alone"
            onClick={(e) =>
              onChange(toggleSeries(hidden, s.name, names, e.shiftKey || e.ctrlKey || e.metaKey))
            }
          >
            <i style={{ background: seriesColour(s.name, i) }} />
            {s.name}
          </button>
        );
      })}
    </div>
  );
}
