import { LogsiftError, type Position } from '../../model';

/** Decodes a LogQL string literal: Go's interpreted "…" (JSON-compatible escapes) or raw `…`. */
export function decodeString(raw: string, pos: Position): string {
  if (raw.startsWith('`')) return raw.slice(1, -1);
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value === 'string') return value;
  } catch {
    // Go accepts \xNN and \NNN escapes that JSON does not; decode those before giving up.
    const go = raw.replace(/\\x([0-9a-fA-F]{2})/g, '\\u00$1');
    try {
      const value: unknown = JSON.parse(go);
      if (typeof value === 'string') return value;
    } catch {
      // fall through to the error below
    }
  }
  throw new LogsiftError('bad_query', `invalid escape sequence in string ${raw}`, pos);
}

const DURATION_UNITS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
  y: 31_536_000_000,
};

/** Parses Go/Prometheus durations such as `5m`, `1h30m`, `1.5s`, `250ms` to milliseconds. */
export function parseDurationMs(text: string): number | undefined {
  const re = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h|d|w|y)/gy;
  let total = 0;
  let consumed = 0;
  for (let match = re.exec(text); match; match = re.exec(text)) {
    total += Number(match[1]) * (DURATION_UNITS[match[2] ?? ''] ?? Number.NaN);
    consumed = re.lastIndex;
  }
  return consumed === text.length && consumed > 0 && Number.isFinite(total) ? total : undefined;
}

const BYTE_UNITS: Record<string, number> = {
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  pb: 1e15,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
  tib: 1024 ** 4,
  pib: 1024 ** 5,
};

/** Parses sizes such as `20KB`, `1MiB`, `1.5 GB` (KB = 1000, KiB = 1024, as Loki does). */
export function parseBytes(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)\s*([a-zA-Z]*)$/.exec(text.trim());
  if (!match) return undefined;
  const unit = (match[2] ?? '').toLowerCase() || 'b';
  const factor = BYTE_UNITS[unit];
  return factor === undefined ? undefined : Number(match[1]) * factor;
}

/** Parses a line_format / label_format template into literal text and label references. */
export function parseTemplate(
  template: string,
  pos: Position,
): ({ text: string } | { label: string })[] {
  const parts: ({ text: string } | { label: string })[] = [];
  const re = /\{\{-?\s*(.*?)\s*-?\}\}/g;
  let last = 0;
  for (let match = re.exec(template); match; match = re.exec(template)) {
    if (match.index > last) parts.push({ text: template.slice(last, match.index) });
    const action = match[1] ?? '';
    const label = /^\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(action);
    if (!label?.[1]) {
      throw new LogsiftError(
        'unsupported',
        `template action "{{${action}}}" is not supported yet: only {{.label}} is`,
        pos,
      );
    }
    parts.push({ label: label[1] });
    last = re.lastIndex;
  }
  if (last < template.length) parts.push({ text: template.slice(last) });
  return parts;
}
