/**
 * Loki is written in Go: numbers, durations and times in its answers and error texts are
 * printed the way Go's strconv and time packages print them, which JavaScript does not.
 */

/** strconv.FormatFloat(v, 'f', -1, 64): shortest digits, never an exponent; Prometheus spells infinities ±Inf. */
export function formatGoFloat(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return '+Inf';
  if (value === Number.NEGATIVE_INFINITY) return '-Inf';
  const text = String(value);
  const exp = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!exp) return text;
  const [, sign = '', lead = '', rest = '', power = '0'] = exp;
  const digits = lead + rest;
  const point = 1 + Number(power);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

const UNITS: [string, number][] = [
  ['ms', 1e6],
  ['µs', 1e3],
  ['ns', 1],
];

/** time.Duration.String(): `744h0m0s`, `1m30.5s`, `250ms`, `0s`. */
export function formatGoDuration(ns: bigint): string {
  if (ns === 0n) return '0s';
  const negative = ns < 0n;
  const abs = negative ? -ns : ns;
  let out: string;
  if (abs < 1_000_000_000n) {
    const [unit, size] = UNITS.find(([, size]) => abs >= BigInt(size)) ?? ['ns', 1];
    out = `${trimFraction(abs, BigInt(size))}${unit}`;
  } else {
    const hours = abs / 3_600_000_000_000n;
    const minutes = (abs / 60_000_000_000n) % 60n;
    const seconds = trimFraction(abs % 60_000_000_000n, 1_000_000_000n);
    out =
      hours > 0n
        ? `${hours}h${minutes}m${seconds}s`
        : minutes > 0n
          ? `${minutes}m${seconds}s`
          : `${seconds}s`;
  }
  return negative ? `-${out}` : out;
}

function trimFraction(value: bigint, unit: bigint): string {
  const whole = value / unit;
  const fraction = value % unit;
  if (fraction === 0n) return String(whole);
  const width = String(unit).length - 1;
  return `${whole}.${String(fraction).padStart(width, '0').replace(/0+$/, '')}`;
}

/** time.Time.String() in UTC: `2024-05-01 10:00:00.5 +0000 UTC`, as Loki prints it in errors. */
export function formatGoTime(ns: bigint): string {
  const ms = Number(ns / 1_000_000n);
  const iso = new Date(ms).toISOString();
  const fraction = String(((ns % 1_000_000_000n) + 1_000_000_000n) % 1_000_000_000n)
    .padStart(9, '0')
    .replace(/0+$/, '');
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${fraction ? `.${fraction}` : ''} +0000 UTC`;
}
