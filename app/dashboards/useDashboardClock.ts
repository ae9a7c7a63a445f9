import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { panelQueryKeyPrefix, resolveDashboardTime, type DashboardTime } from './panelRequests';

/**
 * The dashboard's range resolved to milliseconds once for every panel (so they send identical
 * bodies), again on each refresh; auto-refresh on an interval that a hidden tab skips (it
 * refreshes once on its return instead).
 */
export function useDashboardClock(
  from: string,
  to: string,
  refreshMs: number | null,
): { time: DashboardTime | undefined; error: string | undefined; refresh(): void } {
  const queryClient = useQueryClient();
  const [clock, setClock] = useState(() => ({ from, to, nowMs: Date.now() }));
  if (clock.from !== from || clock.to !== to) {
    // A new range resolves at the moment it is chosen, in this render, not one effect later
    // (which would send every panel's request twice).
    // eslint-disable-next-line react-hooks/purity -- read once per new range, on purpose
    setClock({ from, to, nowMs: Date.now() });
  }
  const resolved = useMemo(() => {
    try {
      return { time: resolveDashboardTime(clock.from, clock.to, clock.nowMs) };
    } catch (e) {
      return { error: (e as Error).message };
    }
  }, [clock]);

  const latest = useRef(resolved.time);
  useEffect(() => {
    latest.current = resolved.time;
  });
  const refresh = useCallback(() => {
    const nowMs = Date.now();
    const now = (() => {
      try {
        return resolveDashboardTime(from, to, nowMs);
      } catch {
        return undefined;
      }
    })();
    const before = latest.current;
    if (now && before && now.fromMs === before.fromMs && now.toMs === before.toMs) {
      // An absolute range sends the same bodies: ask again for what is on screen.
      void queryClient.invalidateQueries({ queryKey: panelQueryKeyPrefix });
    } else {
      setClock({ from, to, nowMs });
    }
  }, [from, to, queryClient]);

  useEffect(() => {
    if (refreshMs === null) return undefined;
    let missed = false;
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'hidden') missed = true;
      else refresh();
    }, refreshMs);
    const onVisible = () => {
      if (document.visibilityState === 'visible' && missed) {
        missed = false;
        refresh();
      }
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [refreshMs, refresh]);

  return { time: resolved.time, error: resolved.error, refresh };
}
