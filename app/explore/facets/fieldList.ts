import type { Facet, FieldInfo } from '../../../model';

export interface FieldEntry {
  name: string;
  type?: FieldInfo['type'];
  facet?: Facet;
}

/**
 * The counted fields in the server's order, then every other field the datasource lists,
 * by name: a field is in the list whether or not its values were counted yet.
 */
export function fieldEntries(
  facets: Facet[] | undefined,
  fields: FieldInfo[] | undefined,
): FieldEntry[] {
  const types = new Map((fields ?? []).map((f) => [f.name, f.type]));
  const counted = new Set<string>();
  const entries: FieldEntry[] = [];
  for (const facet of facets ?? []) {
    counted.add(facet.field);
    const type = types.get(facet.field);
    entries.push(type ? { name: facet.field, type, facet } : { name: facet.field, facet });
  }
  const rest = (fields ?? [])
    .filter((f) => !counted.has(f.name))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return [...entries, ...rest.map((f) => ({ name: f.name, type: f.type }))];
}

/** Case-insensitive, every word of the search somewhere in the name ("pod name" finds pod_name). */
export function matchesSearch(name: string, search: string): boolean {
  const words = search.toLowerCase().split(/\s+/).filter(Boolean);
  const lower = name.toLowerCase();
  return words.every((w) => lower.includes(w));
}

/** Records the facet speaks of: those with a shown value and the others. */
export function facetTotal(facet: Facet): number {
  return facet.values.reduce((n, v) => n + v.count, 0) + facet.other;
}

export function percent(count: number, total: number): string {
  if (total <= 0) return '0%';
  const share = (count / total) * 100;
  return `${share < 1 && share > 0 ? share.toFixed(2) : share.toFixed(1)}%`;
}

/** What the counts are, when they are not exact line counts over the whole range. */
export function countNote(facet: Facet): string | undefined {
  if (facet.unit === 'bytes') return 'bytes in the index';
  if (!facet.sampled) return undefined;
  return facet.sampleSize === undefined
    ? 'counted on a sample'
    : `counted on a sample of ${facet.sampleSize.toLocaleString('en-US')} lines`;
}

/** Sizes "More values" asks for in turn; the API's most is 500. */
export const MORE_SIZES = [50, 500] as const;

/** The next size to ask for, when the values shown may not be all of them. */
export function nextSize(facet: Facet, shownSize: number): number | undefined {
  if (facet.values.length < shownSize || facet.other === 0) return undefined;
  return MORE_SIZES.find((s) => s > shownSize);
}
