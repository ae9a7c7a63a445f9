import { DEDUP_MODES, type DedupMode } from './dedup';

export type Order = 'newest' | 'oldest';
export type TimeZone = 'utc' | 'local';

/** How the list draws lines; kept per browser, not shared in links. */
export interface ListOptions {
  wrap: boolean;
  prettify: boolean;
  dedup: DedupMode;
  order: Order;
  zone: TimeZone;
}

export const DEFAULT_OPTIONS: ListOptions = {
  wrap: false,
  prettify: false,
  dedup: 'none',
  order: 'newest',
  zone: 'local',
};

const KEY = 'logsift.logList';

/** The saved options; anything missing or unknown (an older version's) takes the default. */
export function loadOptions(storage: Pick<Storage, 'getItem'> | undefined): ListOptions {
  let saved: Partial<Record<keyof ListOptions, unknown>> = {};
  try {
    saved = JSON.parse(storage?.getItem(KEY) ?? '{}') as typeof saved;
  } catch {
    return DEFAULT_OPTIONS;
  }
  const pick = <T>(value: unknown, allowed: readonly T[], fallback: T): T =>
    allowed.includes(value as T) ? (value as T) : fallback;
  return {
    wrap: pick(saved.wrap, [true, false], DEFAULT_OPTIONS.wrap),
    prettify: pick(saved.prettify, [true, false], DEFAULT_OPTIONS.prettify),
    dedup: pick(saved.dedup, DEDUP_MODES, DEFAULT_OPTIONS.dedup),
    order: pick(saved.order, ['newest', 'oldest'] as const, DEFAULT_OPTIONS.order),
    zone: pick(saved.zone, ['utc', 'local'] as const, DEFAULT_OPTIONS.zone),
  };
}

export function saveOptions(
  storage: Pick<Storage, 'setItem'> | undefined,
  options: ListOptions,
): void {
  try {
    storage?.setItem(KEY, JSON.stringify(options));
  } catch {
    // Private windows and full quotas refuse: the options then last for this page only.
  }
}
