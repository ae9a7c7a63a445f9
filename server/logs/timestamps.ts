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

/** A logfmt time key anywhere in the line: go-kit writes `level=info ts=…` (Loki, Prometheus). */
const LOGFMT_TIME = /(?:^|\s)(?:ts|time|timestamp)="?(\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d[^\s"]*)/;

/** klog (Kubernetes components): `E1124 23:11:00.123456 …`, UTC, with no year. */
const KLOG = /^[IWEF](\d\d)(\d\d) (\d\d):(\d\d):(\d\d)\.(\d{6})/;

function klogTime(m: RegExpExecArray, nowMs: number): ParsedTime {
  const [, mon, d, h, mi, s, micros = '0'] = m;
  const at = (year: number): number =>
    Date.UTC(year, Number(mon) - 1, Number(d), Number(h), Number(mi), Number(s));
  const year = new Date(nowMs).getUTCFullYear();
  // A December line read in January belongs to the year before.
  const ms = at(year) > nowMs + 86_400_000 ? at(year - 1) : at(year);
  return { ms: ms + Math.floor(Number(micros) / 1000), subNs: (Number(micros) % 1000) * 1000 };
}

/**
 * Finds a timestamp inside a log line: a JSON time field, a leading RFC 3339, a logfmt
 * `ts=`/`time=` anywhere, klog's or nginx's. `nowMs` supplies the year formats that leave it out.
 */
export function timeFromLine(line: string, nowMs = Date.now()): ParsedTime | undefined {
  const head = line.length > 4096 ? line.slice(0, 4096) : line;
  const json = JSON_TIME.exec(head);
  if (json) {
    if (json[1]) {
      const parsed = parseRfc3339(json[1]);
      if (parsed) return parsed;
    } else if (json[2]) {
      const parsed = fromEpoch(json[2]);
      if (parsed) return parsed;
    }
  }
  const leading = parseRfc3339(head.replace(/^(?:time=|ts=)?"?/, ''));
  if (leading) return leading;
  const logfmt = LOGFMT_TIME.exec(head);
  if (logfmt?.[1]) {
    const parsed = parseRfc3339(logfmt[1]);
    if (parsed) return parsed;
  }
  const klog = KLOG.exec(head);
  if (klog) return klogTime(klog, nowMs);
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

/**
 * Seconds, milliseconds, microseconds or nanoseconds since the epoch, told apart by the digits
 * before the point. Read from the text, so 19-digit nanoseconds keep their last digits.
 */
export function fromEpoch(value: number | string): ParsedTime | undefined {
  const text = typeof value === 'number' ? String(value) : value.trim();
  const m = /^(\d{1,19})(?:\.(\d+))?$/.exec(text);
  if (!m?.[1]) return undefined;
  const digits = m[1].length;
  const scale = digits <= 11 ? 9 : digits <= 14 ? 6 : digits <= 17 ? 3 : 0;
  const nanos = (m[1] + (m[2] ?? '').padEnd(scale, '0').slice(0, scale)).padStart(7, '0');
  return { ms: Number(nanos.slice(0, -6)), subNs: Number(nanos.slice(-6)) };
}
