import { LogStore } from '../store';
import { parseInsights } from './parser';
import { runInsights, type InsightsAnswer } from './run';

export const T0 = Date.parse('2026-03-02T12:00:00Z');

/** A store with one group of the given messages, a second apart, oldest first. */
export function storeOf(messages: string[], stream = 'app-1'): LogStore {
  const store = new LogStore(() => T0 + 3_600_000);
  store.put(
    store.group('/test/app', 0),
    stream,
    messages.map((message, i) => ({ timestamp: T0 + i * 1000, message })),
  );
  return store;
}

/** Runs a query over every event of the store's `/test/app` group. */
export function run(store: LogStore, query: string, limit = 10_000): InsightsAnswer {
  const group = store.groups.get('/test/app');
  if (!group) throw new Error('no /test/app group');
  return runInsights(parseInsights(query), group.events, {
    limit,
    logId: () => '123456789012:/test/app',
    ptr: (e) => `ptr-${e.id}`,
  });
}

/** The rows of a query as objects (field → value). */
export function rows(store: LogStore, query: string): Record<string, string>[] {
  return run(store, query).rows.map((r) => Object.fromEntries(r.map((f) => [f.field, f.value])));
}
