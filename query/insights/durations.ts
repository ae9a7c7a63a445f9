/** `bin()` units (CWL_QuerySyntax-Stats); plural forms with an s are accepted too. */
const UNIT_MS: Record<string, number> = {
  ms: 1,
  msec: 1,
  millisecond: 1,
  s: 1000,
  sec: 1000,
  second: 1000,
  m: 60_000,
  min: 60_000,
  minute: 60_000,
  h: 3_600_000,
  hr: 3_600_000,
  hour: 3_600_000,
  d: 86_400_000,
  day: 86_400_000,
  w: 604_800_000,
  week: 604_800_000,
};

/**
 * A `bin()` period in milliseconds; undefined for unknown units and for months, quarters and
 * years, whose bins follow the calendar.
 */
export function binPeriodMs(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)([a-zA-Z]+)$/.exec(text);
  if (!match) return undefined;
  const unit = (match[2] ?? '').toLowerCase();
  const singular =
    unit.length > 1 && unit.endsWith('s') && !(unit in UNIT_MS) ? unit.slice(0, -1) : unit;
  const ms = UNIT_MS[singular];
  return ms === undefined ? undefined : Number(match[1]) * ms;
}

/** The period in the largest unit that divides it: 300000 is `5m`, 1500 is `1500ms`. */
export function binPeriod(ms: number): string {
  for (const [unit, size] of [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
  ] as const) {
    if (ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}
