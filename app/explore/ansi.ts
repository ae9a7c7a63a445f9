/** A run of text with the colour state an ANSI SGR sequence left it in. */
export interface AnsiSpan {
  text: string;
  fg?: string;
  bold?: boolean;
}

// The 16 terminal colours are the theme's (app/styles.css), so a green INFO stays readable on
// the light background as well as on the dark one.
const COLOURS = Array.from({ length: 8 }, (_, i) => `var(--ansi-${i})`);
const BRIGHT = Array.from({ length: 8 }, (_, i) => `var(--ansi-${i + 8})`);

// CSI (ESC [ … final), OSC (ESC ] … BEL or ESC \), and lone two-character escapes.
const ESCAPE =
  // eslint-disable-next-line no-control-regex
  /\u001b\[([0-9;?]*)([ -/]*[@-~])|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[@-Z\\-_]?/g;
// Control characters other than tab and newline are shown as visible symbols, never acted on;
// C1 controls (U+0080-U+009F, which some terminals read as escapes) as \xNN.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** Most lines have no escapes or control characters and render as one text node. */
export function isPlain(line: string): boolean {
  CONTROL.lastIndex = 0;
  return !line.includes('\u001b') && !CONTROL.test(line);
}

function visible(text: string): string {
  return text.replace(CONTROL, (c) => {
    const code = c.charCodeAt(0);
    if (code === 0x7f) return '␡';
    if (code > 0x7f) return `\\x${code.toString(16).toUpperCase()}`;
    return String.fromCharCode(0x2400 + code);
  });
}

/**
 * Splits a log line into coloured text spans. Only SGR colours and bold are honoured;
 * every other escape (cursor moves, OSC 8 links, titles) is dropped, so a line can never
 * act on the page. The result is text for React to render, never HTML.
 */
export function parseAnsi(line: string): AnsiSpan[] {
  const spans: AnsiSpan[] = [];
  let state: Omit<AnsiSpan, 'text'> = {};
  let last = 0;
  const push = (text: string): void => {
    if (text) spans.push({ text: visible(text), ...state });
  };
  for (const match of line.matchAll(ESCAPE)) {
    push(line.slice(last, match.index));
    last = match.index + match[0].length;
    if (match[2] !== 'm') continue;
    const codes = (match[1] ?? '').split(';').map((c) => (c === '' ? 0 : Number(c)));
    for (const code of codes) {
      if (code === 0) state = {};
      else if (code === 1) state = { ...state, bold: true };
      else if (code === 22) state = { ...state, bold: false };
      else if (code === 39) state = { ...state, fg: undefined };
      else if (code >= 30 && code <= 37) state = { ...state, fg: COLOURS[code - 30] };
      else if (code >= 90 && code <= 97) state = { ...state, fg: BRIGHT[code - 90] };
    }
  }
  push(line.slice(last));
  return spans;
}

/** The line as plain text, for copying and searching. */
export function stripAnsi(line: string): string {
  return parseAnsi(line)
    .map((s) => s.text)
    .join('');
}
