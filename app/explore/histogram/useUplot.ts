import { useEffect, useRef } from 'react';
import uPlot from 'uplot';

/** Owns one uPlot instance: made when the shape changes, fed new data, resized with its box. */
export function useUplot(
  makeOptions: (width: number, height: number) => uPlot.Options,
  data: uPlot.AlignedData,
  shapeKey: string,
  height: number,
) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const options = useRef(makeOptions);
  useEffect(() => {
    options.current = makeOptions;
  });

  useEffect(() => {
    const el = host.current;
    if (!el) return undefined;
    const chart = new uPlot(options.current(el.clientWidth || 600, height), [[]], el);
    plot.current = chart;
    const observer = new ResizeObserver(() => chart.setSize({ width: el.clientWidth, height }));
    observer.observe(el);
    return () => {
      observer.disconnect();
      chart.destroy();
      plot.current = null;
    };
  }, [shapeKey, height]);

  useEffect(() => {
    plot.current?.setData(data);
  }, [data, shapeKey]);

  return host;
}
