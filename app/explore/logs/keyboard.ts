/** Keys that move the active row of the list, as in a listbox. */
export const MOVE_KEYS = ['ArrowUp', 'ArrowDown', 'PageUp', 'PageDown', 'Home', 'End'] as const;
export type MoveKey = (typeof MOVE_KEYS)[number];

export const isMoveKey = (key: string): key is MoveKey =>
  (MOVE_KEYS as readonly string[]).includes(key);

/**
 * The row a key moves to: one row, a page of `pageRows`, or either end; from no active row,
 * the first move lands on the first row (the last for End and ArrowUp).
 */
export function moveActive(
  active: number | undefined,
  key: MoveKey,
  count: number,
  pageRows: number,
): number | undefined {
  if (count === 0) return undefined;
  const last = count - 1;
  const clamp = (i: number) => Math.min(last, Math.max(0, i));
  const page = Math.max(1, pageRows - 1);
  if (active === undefined) return key === 'End' || key === 'ArrowUp' ? last : 0;
  switch (key) {
    case 'ArrowUp':
      return clamp(active - 1);
    case 'ArrowDown':
      return clamp(active + 1);
    case 'PageUp':
      return clamp(active - page);
    case 'PageDown':
      return clamp(active + page);
    case 'Home':
      return 0;
    case 'End':
      return last;
  }
}

/** The scrollTop that brings a row into view, or undefined when it is already whole in view. */
export function scrollToShow(
  rowTop: number,
  rowHeight: number,
  scrollTop: number,
  viewportHeight: number,
): number | undefined {
  if (rowTop < scrollTop) return rowTop;
  if (rowTop + rowHeight > scrollTop + viewportHeight) {
    return Math.max(0, rowTop + rowHeight - viewportHeight);
  }
  return undefined;
}
