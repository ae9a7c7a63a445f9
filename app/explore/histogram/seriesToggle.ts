/**
 * The legend's clicks as Grafana has them: a click hides or shows one series; a click with
 * Shift, Ctrl or Cmd shows that one alone, or everything again when it was alone already.
 * Returns the names hidden afterwards.
 */
export function toggleSeries(
  hidden: readonly string[],
  name: string,
  all: readonly string[],
  only: boolean,
): string[] {
  if (only) {
    const alone = all.every((n) => n === name || hidden.includes(n)) && !hidden.includes(name);
    return alone ? [] : all.filter((n) => n !== name);
  }
  if (hidden.includes(name)) return hidden.filter((n) => n !== name);
  const next = [...hidden, name];
  // Hiding the last one shown would leave an empty chart that looks broken: show all instead.
  return all.every((n) => next.includes(n)) ? [] : next;
}
