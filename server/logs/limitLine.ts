/** Loki's default max line size: longer lines are cut with a visible marker, never dropped. */
export const MAX_LINE_BYTES = 256 * 1024;

/**
 * Cuts a line to `maxBytes` of UTF-8 at a character boundary and says how much went.
 * `droppedBefore` counts bytes a reader already threw away (e.g. a partial record's tail).
 */
export function limitLine(line: string, maxBytes = MAX_LINE_BYTES, droppedBefore = 0): string {
  // A UTF-16 unit is at most 3 UTF-8 bytes, so most lines need no counting at all.
  if (line.length * 3 <= maxBytes && droppedBefore === 0) return line;
  const bytes = Buffer.byteLength(line, 'utf8');
  if (bytes <= maxBytes) {
    return droppedBefore === 0 ? line : `${line}… [truncated ${droppedBefore} bytes]`;
  }
  const buffer = Buffer.from(line, 'utf8');
  let end = maxBytes;
  while (end > 0 && ((buffer[end] ?? 0) & 0xc0) === 0x80) end--;
  const kept = buffer.subarray(0, end).toString('utf8');
  return `${kept}… [truncated ${bytes - end + droppedBefore} bytes]`;
}
