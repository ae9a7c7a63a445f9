const EXCERPT_CHARS = 500;

/** A backend's text, cut and made printable: it is shown to users, never passed through as is. */
export function excerptOf(body: string): string {
  const clean = Array.from(body.slice(0, EXCERPT_CHARS * 2))
    .filter((ch) => {
      const c = ch.charCodeAt(0);
      return c === 9 || c === 10 || (c >= 32 && c !== 127);
    })
    .join('')
    .trim();
  return clean.length > EXCERPT_CHARS ? `${clean.slice(0, EXCERPT_CHARS)}…` : clean;
}
