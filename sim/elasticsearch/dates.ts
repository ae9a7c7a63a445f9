const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  H: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/** `fixed_interval` units: a number and ms|s|m|h|d, as ES's TimeValue reads them. */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d+)(ms|s|m|h|d|nanos|micros)$/.exec(text.trim());
  if (!match) return undefined;
  const n = Number(match[1]);
  if (match[2] === 'nanos') return n / 1e6;
  if (match[2] === 'micros') return n / 1e3;
  return n * (UNIT_MS[match[2] ?? ''] ?? 0);
}

/** TimeValue#toString: the largest unit that keeps the value at least one, one decimal. */
export function formatDuration(ms: number): string {
  const units: [string, number][] = [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1_000],
  ];
  for (const [unit, size] of units) {
    if (ms >= size) {
      const value = ms / size;
      return `${Number.isInteger(value) ? value : value.toFixed(1)}${unit}`;
    }
  }
  return `${ms}ms`;
}

/** Minutes east of UTC for `+09:00`, `-0500`, `Z`, `UTC` or an IANA name, at instant `ms`. */
export function zoneOffsetMinutes(zone: string | undefined, ms: number): number {
  if (!zone || zone === 'Z' || zone === 'UTC' || zone === 'GMT') return 0;
  const fixed = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (fixed) return (fixed[1] === '-' ? -1 : 1) * (Number(fixed[2]) * 60 + Number(fixed[3]));
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(ms));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const local = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return Math.round((local - Math.floor(ms / 1000) * 1000) / 60_000);
}

function roundDown(ms: number, unit: string): number {
  const d = new Date(ms);
  switch (unit) {
    case 'y':
      return Date.UTC(d.getUTCFullYear(), 0, 1);
    case 'M':
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
    case 'w': {
      const day = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
      return day - ((d.getUTCDay() + 6) % 7) * 86_400_000;
    }
    default:
      return Math.floor(ms / (UNIT_MS[unit] ?? 1)) * (UNIT_MS[unit] ?? 1);
  }
}

function addUnits(ms: number, n: number, unit: string): number {
  const d = new Date(ms);
  if (unit === 'y') return d.setUTCFullYear(d.getUTCFullYear() + n);
  if (unit === 'M') return d.setUTCMonth(d.getUTCMonth() + n);
  return ms + n * (UNIT_MS[unit] ?? 0);
}

function nextUnit(ms: number, unit: string): number {
  return addUnits(roundDown(ms, unit), 1, unit);
}

/** An ISO date or date-time; without a zone it is read in `timeZone` (UTC by default). */
function parseIso(text: string, timeZone: string | undefined): number | undefined {
  const iso = text.replace(' ', 'T');
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/.test(iso) && iso.includes('T');
  const parsed = Date.parse(hasZone ? iso : `${iso.includes('T') ? iso : `${iso}T00:00:00`}Z`);
  if (Number.isNaN(parsed)) return undefined;
  return hasZone ? parsed : parsed - zoneOffsetMinutes(timeZone, parsed) * 60_000;
}

/**
 * A date bound as range queries read it: epoch numbers (per `format`), ISO dates (zone-less
 * ones in `timeZone`), and date math (`now-15m`, `now/d`, `2024-05-01||+1d`). `roundUp` is
 * how lte/gt round a `/unit`: to the last millisecond of it.
 */
export function parseDate(
  value: unknown,
  options: { format?: string; timeZone?: string; now: number; roundUp?: boolean },
): number | undefined {
  const format = options.format ?? '';
  if (typeof value === 'number') {
    return format.includes('epoch_second') ? value * 1000 : value;
  }
  if (typeof value !== 'string') return undefined;
  const [anchor = '', math = ''] = value.startsWith('now')
    ? ['now', value.slice(3)]
    : value.split('||');
  let ms: number | undefined;
  if (anchor === 'now') ms = options.now;
  else if (/^-?\d+(\.\d+)?$/.test(anchor) && (format.includes('epoch') || !anchor.includes('-'))) {
    ms = format.includes('epoch_second') ? Number(anchor) * 1000 : Number(anchor);
  } else {
    ms = parseIso(anchor, options.timeZone);
    if (ms === undefined) return undefined;
  }
  for (const step of math.matchAll(/([+-]\d+|\/)([yMwdhHms])/g)) {
    const [, op = '', unit = ''] = step;
    if (op === '/') ms = options.roundUp ? nextUnit(ms, unit) - 1 : roundDown(ms, unit);
    else ms = addUnits(ms, Number(op), unit);
  }
  return ms;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `key_as_string` and `fields` values: epoch formats, ISO, or a Java pattern's common letters. */
export function formatDate(ms: number, format: string | undefined, zone?: string): string {
  const first = (format ?? 'strict_date_optional_time').split('||')[0] ?? '';
  if (first === 'epoch_millis') return String(ms);
  if (first === 'epoch_second') return String(Math.floor(ms / 1000));
  const offset = zoneOffsetMinutes(zone, ms);
  const local = new Date(ms + offset * 60_000);
  const suffix =
    offset === 0
      ? 'Z'
      : `${offset < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
  if (/date_optional_time|date_time|^$/.test(first)) {
    return `${local.toISOString().slice(0, 23)}${suffix}`;
  }
  // Java pattern letters by letter and run length: y4 is yyyy, X3 the zone offset as +01:00.
  const fields: Record<string, string> = {
    y4: String(local.getUTCFullYear()),
    M2: pad(local.getUTCMonth() + 1),
    d2: pad(local.getUTCDate()),
    H2: pad(local.getUTCHours()),
    m2: pad(local.getUTCMinutes()),
    s2: pad(local.getUTCSeconds()),
    S3: pad(local.getUTCMilliseconds(), 3),
    X3: suffix,
  };
  return first.replace(
    /([yMdHmsSX])\1*|'([^']*)'/g,
    (run, letter?: string, quoted?: string) =>
      quoted ?? (letter ? fields[`${letter}${run.length}`] : undefined) ?? run,
  );
}
