/** The page's address with `line` pointing at one record, every other parameter kept. */
export function lineLink(href: string, id: string): string {
  const url = new URL(href);
  url.searchParams.set('line', id);
  url.hash = '';
  return url.toString();
}
