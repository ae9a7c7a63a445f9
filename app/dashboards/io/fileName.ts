/**
 * A file name from a user-written title: characters that file systems refuse or that would
 * change the folder (`/`, `\`, `..`) become `-`, so a title never chooses where a file lands.
 */
export function jsonFileName(title: string): string {
  const base = title
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f<>:"/\\|?*]+/g, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/^[\s.-]+|[\s.-]+$/g, '')
    .slice(0, 120);
  return `${base || 'dashboard'}.json`;
}
