const EXCERPT_CHARS = 500;

/**
 * An HTML error page (a proxy's 502, a login form) as the text a person would read on it:
 * scripts, styles and tags go, so no markup of a backend's is ever passed on (CVE-2022-21702).
 */
function visibleText(body: string): string {
  return body
    .replace(/<(script|style)\b[\s\S]*?(<\/\1\s*>|$)/gi, ' ')
    .replace(/<!--[\s\S]*?(-->|$)/g, ' ')
    .replace(/<[^>]*(>|$)/g, ' ')
    .replace(/\s+/g, ' ');
}

/** A backend's text, cut and made printable: it is shown to users, never passed through as is. */
export function excerptOf(body: string): string {
  const head = body.slice(0, EXCERPT_CHARS * 4);
  const text = /^\s*</.test(head) ? visibleText(head) : head.slice(0, EXCERPT_CHARS * 2);
  const clean = Array.from(text)
    .filter((ch) => {
      const c = ch.charCodeAt(0);
      return c === 9 || c === 10 || (c >= 32 && c !== 127);
    })
    .join('')
    .trim();
  return clean.length > EXCERPT_CHARS ? `${clean.slice(0, EXCERPT_CHARS)}…` : clean;
}
