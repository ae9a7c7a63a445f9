/**
 * Split view keeps both panes in one URL: the left pane's parameters as they are, the right
 * pane's prefixed with `r.`, and `split=1`. The time range is shared, so the right pane reads
 * `from`/`to` from the left's.
 */
export type Pane = 'left' | 'right';

const RIGHT = 'r.';
const SPLIT = 'split';
const SHARED = ['from', 'to'];

const ownKey = (pane: Pane, key: string): boolean =>
  pane === 'right' ? key.startsWith(RIGHT) : !key.startsWith(RIGHT) && key !== SPLIT;

export const isSplit = (search: string): boolean => new URLSearchParams(search).get(SPLIT) === '1';

/** The query string one pane reads its state from, as if it were alone. */
export function paneSearch(search: string, pane: Pane): string {
  const all = new URLSearchParams(search);
  if (pane === 'left') {
    const own = new URLSearchParams([...all].filter(([k]) => ownKey('left', k)));
    return `?${own.toString()}`;
  }
  const own = new URLSearchParams(
    [...all].filter(([k]) => k.startsWith(RIGHT)).map(([k, v]) => [k.slice(RIGHT.length), v]),
  );
  for (const k of SHARED) {
    const v = all.get(k);
    if (v !== null) own.set(k, v);
  }
  return `?${own.toString()}`;
}

/** The whole URL's query string with one pane's parameters replaced by `own` (a pane's search). */
export function withPane(search: string, pane: Pane, own: string): string {
  const all = new URLSearchParams(search);
  const kept = [...all].filter(([k]) => !ownKey(pane, k));
  const mine = [...new URLSearchParams(own)]
    .filter(([k]) => pane === 'left' || !SHARED.includes(k))
    .map(([k, v]) => [pane === 'right' ? RIGHT + k : k, v] as [string, string]);
  const left = pane === 'left' ? mine : kept.filter(([k]) => !k.startsWith(RIGHT) && k !== SPLIT);
  const right = pane === 'right' ? mine : kept.filter(([k]) => k.startsWith(RIGHT));
  const split = right.length > 0 ? [[SPLIT, '1'] as [string, string]] : [];
  return `?${new URLSearchParams([...left, ...split, ...right]).toString()}`;
}

/** The URL without the right pane: what closing the split leaves. */
export function withoutRight(search: string): string {
  return paneSearch(search, 'left');
}
