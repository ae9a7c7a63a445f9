import { useMemo, useState } from 'react';
import type uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { Histogram as HistogramData } from '../../model';
import { testIds } from '../testIds';
import { formatLogTime } from '../ui/time';
import { seriesColour, stackedColumns, totalCount } from './histogramData';
import { histogramOptions } from './histogramOptions';
import { useUplot } from './useUplot';

interface HistogramProps {
  histogram: HistogramData | undefined;
  loading: boolean;
  onSelectRange(fromMs: number, toMs: number): void;
}

const HEIGHT = 110;

export function Histogram({ histogram, loading, onSelectRange }: HistogramProps) {
  const stacked = useMemo(
    () => (histogram ? stackedColumns(histogram) : { data: [[]], names: [] }),
    [histogram],
  );
  const [hover, setHover] = useState<{ index: number; left: number } | undefined>();
  const host = useUplot(
    (w, h) =>
      histogramOptions(w, h, stacked.names, onSelectRange, (index, left) =>
        setHover(index === undefined ? undefined : { index, left }),
      ),
    stacked.data as uPlot.AlignedData,
    stacked.names.join(','),
    HEIGHT,
  );
  return (
    <section className="panel histogram" data-testid={testIds.histogram} aria-busy={loading}>
      <header className="panel-header">
        <span>
          {histogram ? `${totalCount(histogram).toLocaleString()} lines in range` : 'Histogram'}
        </span>
        <span className="legend">
          {histogram?.series.map((s, i) => (
            <span key={s.name} className="legend-item">
              <i style={{ background: seriesColour(s.name, i) }} />
              {s.name}
            </span>
          ))}
        </span>
      </header>
      <div className="histogram-body">
        <div ref={host} className="histogram-plot" title="Drag to zoom into a time range" />
        {histogram && hover && histogram.times[hover.index] !== undefined && (
          <div className="histogram-tooltip" style={{ left: hover.left + 60 }}>
            <div className="muted">
              {formatLogTime(`${histogram.times[hover.index]}000000`).slice(0, 19)}
            </div>
            {histogram.series.map((s, i) => (
              <div key={s.name} className="legend-item">
                <i style={{ background: seriesColour(s.name, i) }} />
                {s.name} <b>{(s.counts[hover.index] ?? 0).toLocaleString()}</b>
              </div>
            ))}
          </div>
        )}
      </div>
    </section>
  );
}
