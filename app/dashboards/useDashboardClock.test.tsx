// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useDashboardClock } from './useDashboardClock';

const wrapper = ({ children }: { children: ReactNode }) => (
  <QueryClientProvider client={new QueryClient()}>{children}</QueryClientProvider>
);
let visibility: DocumentVisibilityState = 'visible';

beforeEach(() => {
  vi.useFakeTimers({ now: Date.parse('2026-03-02T12:00:00Z') });
  visibility = 'visible';
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => visibility });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const setVisibility = (next: DocumentVisibilityState) => {
  visibility = next;
  document.dispatchEvent(new Event('visibilitychange'));
};

describe('useDashboardClock', () => {
  it('moves a relative range on with each auto-refresh', () => {
    const { result } = renderHook(() => useDashboardClock('now-1h', 'now', 10_000), { wrapper });
    const first = result.current.time?.toMs ?? 0;
    act(() => void vi.advanceTimersByTime(10_000));
    expect(result.current.time?.toMs).toBe(first + 10_000);
    expect(result.current.time?.toMs).toBe(Date.now());
  });

  it('does not refresh a hidden tab, and refreshes once on its return', () => {
    const { result } = renderHook(() => useDashboardClock('now-1h', 'now', 10_000), { wrapper });
    const first = result.current.time?.toMs ?? 0;
    setVisibility('hidden');
    act(() => void vi.advanceTimersByTime(60_000));
    expect(result.current.time?.toMs).toBe(first);
    act(() => setVisibility('visible'));
    expect(result.current.time?.toMs).toBe(first + 60_000);
  });

  it('stays put when auto-refresh is off, and says why a range cannot be read', () => {
    const { result } = renderHook(() => useDashboardClock('now-1h', 'now', null), { wrapper });
    const first = result.current.time?.toMs;
    act(() => void vi.advanceTimersByTime(120_000));
    expect(result.current.time?.toMs).toBe(first);
    const bad = renderHook(() => useDashboardClock('now', 'now-1h', null), { wrapper });
    expect(bad.result.current.time).toBeUndefined();
    expect(bad.result.current.error).toMatch(/must be before/);
  });
});
