const MONTHS: Record<string, number> = {
  Jan: 0,
  Feb: 1,
  Mar: 2,
  Apr: 3,
  May: 4,
  Jun: 5,
  Jul: 6,
  Aug: 7,
  Sep: 8,
  Oct: 9,
  Nov: 10,
  Dec: 11,
};

export interface ParsedTime {
  ms: number;
  /** Nanoseconds past the millisecond, 0–999,999, so ns precision survives. */
  subNs: number;
}

/** RFC 3339 with any fraction length, keeping the nanoseconds that Date drops. */
export function parseRfc3339(text: string): ParsedTime | undefined {
  const m = /^(\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d)(?:[.,](\d{1,9}))?(Z|[+-]\d\d:?\d\d)?/.exec(text);
  if (!m?.[1]) return undefined;
  const zone = m[3] ?? 'Z';
  const ms = Date.parse(
    `${m[1].replace(' ', 'T')}${zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone}`,
  );
  if (Number.isNaN(ms)) return undefined;
  const fraction = (m[2] ?? '').padEnd(9, '0');
  return { ms: ms + Number(fraction.slice(0, 3)), subNs: Number(fraction.slice(3)) };
}

const NGINX = /\[(\d\d)\/(\w{3})\/(\d{4}):(\d\d):(\d\d):(\d\d) ([+-])(\d\d)(\d\d)\]/;
const JSON_TIME =
  /"(?:timestamp|time|ts|@timestamp|requestReceivedTimestamp)"\s*:\s*(?:"([^"]+)"|(\d+(?:\.\d+)?))/;

/** Finds a timestamp inside a log line: a JSON time field, a leading RFC 3339, or nginx's. */
export function timeFromLine(line: string): ParsedTime | undefined {
  const head = line.length > 4096 ? line.slice(0, 4096) : line;
  const json = JSON_TIME.exec(head);
  if (json) {
    if (json[1]) {
      const parsed = parseRfc3339(json[1]);
      if (parsed) return parsed;
    } else if (json[2]) {
      return fromEpoch(Number(json[2]));
    }
  }
  const leading = parseRfc3339(head.replace(/^(?:time=|ts=)?"?/, ''));
  if (leading) return leading;
  const nginx = NGINX.exec(head);
  if (nginx) {
    const [, d, mon, y, h, mi, s, sign, oh, om] = nginx;
    const utc = Date.UTC(
      Number(y),
      MONTHS[mon ?? ''] ?? 0,
      Number(d),
      Number(h),
      Number(mi),
      Number(s),
    );
    const offset = (Number(oh) * 60 + Number(om)) * 60_000 * (sign === '-' ? -1 : 1);
    return { ms: utc - offset, subNs: 0 };
  }
  return undefined;
}

/** Seconds, milliseconds or nanoseconds since the epoch, told apart by size. */
export function fromEpoch(value: number): ParsedTime {
  if (value > 1e17) return { ms: Math.floor(value / 1e6), subNs: Math.round(value % 1e6) };
  if (value > 1e11) return { ms: Math.floor(value), subNs: Math.round((value % 1) * 1e6) };
  const ms = value * 1000;
  return { ms: Math.floor(ms), subNs: Math.round((ms % 1) * 1e6) };
}
