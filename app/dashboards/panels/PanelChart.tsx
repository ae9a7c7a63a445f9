import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import type uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { Histogram } from '../../../model';
import { histogramOptions, type PlotTheme } from '../../explore/histogram/histogramOptions';
import { useUplot } from '../../explore/histogram/useUplot';
import { lineColumns, stackedColumns } from '../../explore/histogramData';

/** Canvas has no CSS: the axis colours are read from the theme when the chart is made. */
function theme(): PlotTheme {
  const css = getComputedStyle(document.documentElement);
  return {
    text: css.getPropertyValue('--muted').trim() || '#8e8e8e',
    grid: css.getPropertyValue('--border').trim() || '#2c3235',
  };
}

/** Explore's uPlot options, at the panel's size: stacked level bars or a metric's lines. */
export function PanelChart({
  histogram,
  kind,
  unit,
  height,
  onZoom,
}: {
  histogram: Histogram;
  kind: 'bars' | 'lines';
  unit?: string | undefined;
  height: number;
  onZoom(fromMs: number, toMs: number): void;
}) {
  // The body's height less the legend, until the box says otherwise (a query opened above it).
  const box = useRef<HTMLDivElement>(null);
  const [measured, setMeasured] = useState<number | undefined>();
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return undefined;
    const observer = new ResizeObserver(() => {
      if (el.clientHeight > 0) setMeasured(el.clientHeight);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const plot = useMemo(
    () => (kind === 'lines' ? lineColumns(histogram) : stackedColumns(histogram)),
    [histogram, kind],
  );
  const plotHeight = Math.max(40, measured ?? height);
  // The height is part of the shape: a chart made anew at another height is fed its data again.
  const shape = `${kind}|${unit ?? ''}|${plotHeight}|${plot.series.map((s) => `${s.name}:${s.colour}`).join(',')}`;
  const host = useUplot(
    (w, h) =>
      histogramOptions(w, h, {
        kind,
        series: plot.series,
        unit,
        theme: theme(),
        onSelect: onZoom,
        onPick: (index) => {
          const start = histogram.times[index];
          if (start !== undefined) onZoom(start, start + histogram.stepMs);
        },
      }),
    plot.data as uPlot.AlignedData,
    shape,
    plotHeight,
  );
  return (
    <div className="panel-chart">
      <div ref={box} className="panel-chart-plot">
        <div ref={host} />
      </div>
      {plot.series.length > 1 && (
        <ul className="panel-legend">
          {[...plot.series].reverse().map((s) => (
            <li key={s.name}>
              <i style={{ background: s.colour }} />
              {s.name}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
