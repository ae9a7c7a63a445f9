/**
 * Label and field sets repeat across the documents of one pod: one shared object per
 * distinct set keeps 100,000 records small and lets the answer serialize each set once.
 */
export class SetInterner {
  private readonly sets = new Map<string, Record<string, string>>();

  intern(set: Record<string, string>): Record<string, string> {
    let key = '';
    for (const k in set) key += `${k}\u0000${set[k] ?? ''}\u0001`;
    const known = this.sets.get(key);
    if (known) return known;
    // Unbounded sets (ids, durations in fields) are not worth remembering.
    if (this.sets.size < 10_000) this.sets.set(key, set);
    return set;
  }
}
