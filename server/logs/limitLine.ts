/** Loki's default max line size: longer lines are cut with a visible marker, never dropped. */
export const MAX_LINE_BYTES = 256 * 1024;

export function limitLine(line: string, maxChars = MAX_LINE_BYTES): string {
  if (line.length <= maxChars) return line;
  return `${line.slice(0, maxChars)}… [truncated ${line.length - maxChars} bytes]`;
}
