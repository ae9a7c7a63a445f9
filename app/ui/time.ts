const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** Local time with milliseconds, the way log lines are read. */
export function formatLogTime(tsNs: string): string {
  const ms = Number(BigInt(tsNs) / 1_000_000n);
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

export function timezoneName(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Value for an <input type="datetime-local"> in local time. */
export function toLocalInput(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** "now-15m" → 15 minutes before `now`; epoch digits → themselves. */
export function timeToMs(value: string, now: number): number {
  const relative = /^now(?:-(\d+)([smhdw]))?$/.exec(value);
  if (!relative) return Number(value);
  const units: Record<string, number> = { s: 1e3, m: 6e4, h: 3.6e6, d: 8.64e7, w: 6.048e8 };
  return now - Number(relative[1] ?? 0) * (units[relative[2] ?? 's'] ?? 0);
}

export function describeRange(from: string, to: string): string {
  if (to === 'now' && from.startsWith('now-')) return `Last ${from.slice(4)}`;
  const fmt = (v: string) => formatLogTime(`${timeToMs(v, Date.now())}000000`).slice(0, 16);
  return `${fmt(from)} → ${fmt(to)}`;
}
