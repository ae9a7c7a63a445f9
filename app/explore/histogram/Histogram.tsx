import { useMemo, useState } from 'react';
import type uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { Histogram as HistogramData } from '../../../model';
import { testIds } from '../../testIds';
import { formatLogTime } from '../../ui/time';
import { bucketRange, lineColumns, stackedColumns, totalCount } from '../histogramData';
import { HistogramLegend } from './HistogramLegend';
import { histogramOptions, type PlotTheme } from './histogramOptions';
import { metricUnit, shortNumber } from './metricUnit';
import { stepText } from './stepText';
import { useUplot } from './useUplot';
import './Histogram.css';

interface HistogramProps {
  histogram: HistogramData | undefined;
  loading: boolean;
  /** A LogQL metric query: its series are drawn as lines in their own unit. */
  metric: boolean;
  /** The query drawn: what it counts gives a metric's unit. */
  query: string;
  /** Which query this is (datasource, language, text): a new one shows every series again. */
  legendKey: string;
  onSelectRange(fromMs: number, toMs: number): void;
}

const HEIGHT = 110;
const NONE: readonly string[] = [];

function theme(): PlotTheme {
  const css = getComputedStyle(document.documentElement);
  return {
    text: css.getPropertyValue('--muted').trim() || '#8e8e8e',
    grid: css.getPropertyValue('--border').trim() || '#2c3235',
  };
}

export function Histogram({
  histogram,
  loading,
  metric,
  query,
  legendKey,
  onSelectRange,
}: HistogramProps) {
  // Hidden series stay hidden while the same query refreshes or zooms, not for the next one.
  const [legend, setLegend] = useState<{ key: string; hidden: readonly string[] }>({
    key: legendKey,
    hidden: NONE,
  });
  const hidden = legend.key === legendKey ? legend.hidden : NONE;
  const unit = metric ? metricUnit(query) : undefined;
  const plot = useMemo(() => {
    if (!histogram) return { data: [[]], series: [] };
    return metric ? lineColumns(histogram, hidden) : stackedColumns(histogram, hidden);
  }, [histogram, hidden, metric]);
  const [hover, setHover] = useState<{ index: number; left: number } | undefined>();
  const shape = `${metric ? 'lines' : 'bars'}|${unit ?? ''}|${plot.series.map((s) => `${s.name}:${s.colour}`).join(',')}`;
  const host = useUplot(
    (w, h) =>
      histogramOptions(w, h, {
        kind: metric ? 'lines' : 'bars',
        series: plot.series,
        unit,
        theme: theme(),
        onSelect: onSelectRange,
        onPick: (index) => {
          const range = histogram && bucketRange(histogram, index);
          if (range) onSelectRange(range[0], range[1]);
        },
        onHover: (index, left) => setHover(index === undefined ? undefined : { index, left }),
      }),
    plot.data as uPlot.AlignedData,
    shape,
    HEIGHT,
  );
  const shown = histogram?.series.filter((s) => !hidden.includes(s.name)) ?? [];
  const total = histogram ? totalCount(histogram) : 0;
  const visible = histogram ? totalCount(histogram, hidden) : 0;
  const value = (v: number) =>
    metric ? `${shortNumber(v)}${unit ? ` ${unit}` : ''}` : v.toLocaleString('en-US');
  return (
    <section className="panel histogram" data-testid={testIds.histogram} aria-busy={loading}>
      <header className="panel-header histogram-header">
        <span className="histogram-summary">
          <span data-testid={testIds.histogramTotal} className="histogram-total">
            {!histogram
              ? metric
                ? 'Graph'
                : 'Logs volume'
              : metric
                ? `${histogram.series.length.toLocaleString('en-US')} series`
                : hidden.length > 0
                  ? `${visible.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} lines`
                  : `${total.toLocaleString('en-US')} lines`}
          </span>
          {histogram && (
            <span data-testid={testIds.histogramStep}>{stepText(histogram.stepMs, metric)}</span>
          )}
          {unit && <span>{unit}</span>}
        </span>
        <span className="histogram-hint">
          {loading
            ? 'Loading…'
            : metric
              ? 'Click to zoom to a step, drag to pick a range'
              : 'Click a bar to zoom, drag to pick a range'}
        </span>
      </header>
      <div className="histogram-body">
        <div ref={host} className="histogram-plot" />
        {histogram && hover && histogram.times[hover.index] !== undefined && (
          <div className="histogram-tooltip" style={{ left: hover.left + 60 }}>
            <div className="muted">
              {formatLogTime(`${histogram.times[hover.index]}000000`).slice(0, 19)}
            </div>
            {shown.map((s) => (
              <div key={s.name} className="legend-item">
                <i style={{ background: plot.series.find((p) => p.name === s.name)?.colour }} />
                {s.name} <b>{value(s.counts[hover.index] ?? 0)}</b>
              </div>
            ))}
          </div>
        )}
      </div>
      {histogram && histogram.series.length > 0 && (
        <HistogramLegend
          histogram={histogram}
          hidden={hidden}
          onChange={(next) => setLegend({ key: legendKey, hidden: next })}
        />
      )}
    </section>
  );
}
