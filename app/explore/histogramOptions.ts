import uPlot from 'uplot';
import { seriesColour } from './histogramData';

const AXIS = {
  stroke: '#8e8e8e',
  grid: { stroke: '#2c3235', width: 1 },
  ticks: { stroke: '#2c3235', width: 1 },
};

const pad = (n: number): string => String(n).padStart(2, '0');

/** 24-hour tick labels as Grafana shows them; the date appears once ticks span days. */
export function timeTicks(ticks: number[]): string[] {
  const span = (ticks.at(-1) ?? 0) - (ticks[0] ?? 0);
  return ticks.map((seconds) => {
    const d = new Date(seconds * 1000);
    const time = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
    if (span > 86_400) {
      const date = `${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
      return time === '00:00' ? date : `${date} ${time}`;
    }
    return span < 300 ? `${time}:${pad(d.getSeconds())}` : time;
  });
}

/** Options for the stacked level histogram; pure, so it is tested without a canvas. */
export function histogramOptions(
  width: number,
  height: number,
  names: string[],
  onSelect: (fromMs: number, toMs: number) => void,
  onHover: (index: number | undefined, left: number) => void = () => undefined,
): uPlot.Options {
  const bars = uPlot.paths.bars ? uPlot.paths.bars({ size: [0.9, 64], gap: 1 }) : undefined;
  return {
    width,
    height,
    legend: { show: false },
    cursor: { drag: { x: true, y: false, setScale: false }, points: { show: false } },
    select: { show: true, left: 0, top: 0, width: 0, height: 0 },
    scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(1, max) * 1.05] } },
    axes: [
      {
        ...AXIS,
        size: 28,
        // Labels with a date are twice as wide; uPlot's default spacing made them overlap.
        space: (_u, _axis, min, max) => (max - min > 86_400 ? 110 : 64),
        values: (_u, ticks) => timeTicks(ticks),
      },
      {
        ...AXIS,
        size: 44,
        values: (_u, ticks) => ticks.map((v) => (v >= 1000 ? `${v / 1000}k` : String(v))),
      },
    ],
    series: [
      {},
      ...names.map((name, i) => ({
        label: name,
        fill: seriesColour(name, names.length - 1 - i),
        stroke: seriesColour(name, names.length - 1 - i),
        width: 0,
        ...(bars ? { paths: bars } : {}),
        points: { show: false },
      })),
    ],
    hooks: {
      setCursor: [
        (u) => {
          const index = u.cursor.idx;
          onHover(index === null ? undefined : index, u.cursor.left ?? 0);
        },
      ],
      setSelect: [
        (u) => {
          if (u.select.width < 3) return;
          const from = u.posToVal(u.select.left, 'x');
          const to = u.posToVal(u.select.left + u.select.width, 'x');
          u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
          onSelect(Math.floor(from * 1000), Math.ceil(to * 1000));
        },
      ],
    },
  };
}
