const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** Time with milliseconds, the way log lines are read: local unless `zone` says UTC. */
export function formatLogTime(tsNs: string, zone: 'local' | 'utc' = 'local'): string {
  // Digits past the milliseconds are dropped as text: BigInt for 100,000 rows costs a frame.
  const ms = Number(tsNs.length > 6 ? tsNs.slice(0, -6) : '0');
  const d = new Date(ms);
  if (zone === 'utc') {
    return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`;
  }
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

let zone: string | undefined;

/** The browser's zone; asked once, as resolvedOptions() costs more than a frame allows per row. */
export function timezoneName(): string {
  zone ??= Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  return zone;
}

/** The zone times are shown in, by name ("UTC", "Europe/Berlin"). */
export function zoneName(zone: 'local' | 'utc'): string {
  return zone === 'utc' ? 'UTC' : timezoneName();
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
