/**
 * Terminal escape sequences as programs write them into logs: CSI (colours, cursor moves,
 * `ESC[31m`, `ESC[2K`), OSC (titles, hyperlinks, ended by BEL or `ESC\`) and two-byte escapes.
 */
// eslint-disable-next-line no-control-regex
const ESCAPES = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[@-Z\\-_])/g;

/**
 * The text without escape sequences, for matching and level detection; the UI still gets
 * the raw line and draws the colours itself. Each sequence becomes `replacement` so that a
 * colour code glued to a word (`ESC[31mERROR`) still leaves a word boundary.
 */
export function stripAnsi(text: string, replacement = ''): string {
  return text.includes('\u001b') ? text.replace(ESCAPES, replacement) : text;
}
