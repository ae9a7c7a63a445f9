/** Beyond this many distinct sets, new ones are not remembered: they are unbounded (ids, durations). */
const MAX_SETS = 10_000;

/**
 * Label and field sets repeat across the documents of one pod: one shared object per
 * distinct set keeps 100,000 records small and lets the answer serialize each set once.
 */
export class SetInterner {
  private readonly sets = new Map<string, Record<string, string>>();
  /** Sets of one name and value (Loki's `detected_level`…), looked up without building a key. */
  private readonly pairs = new Map<string, Map<string, Record<string, string>>>();

  intern(set: Record<string, string>): Record<string, string> {
    let only: string | undefined;
    let size = 0;
    for (const k in set) {
      only = k;
      if (++size > 1) break;
    }
    if (size === 1 && only !== undefined) return this.pair(set, only, set[only] ?? '');
    let key = '';
    for (const k in set) key += `${k}\u0000${set[k] ?? ''}\u0001`;
    const known = this.sets.get(key);
    if (known) return known;
    if (this.sets.size < MAX_SETS) this.sets.set(key, set);
    return set;
  }

  private pair(set: Record<string, string>, name: string, value: string) {
    let values = this.pairs.get(name);
    if (!values) this.pairs.set(name, (values = new Map()));
    const known = values.get(value);
    if (known) return known;
    if (values.size < MAX_SETS) values.set(value, set);
    return set;
  }
}
