const SERVICES = ['checkout', 'payments', 'cart', 'catalog', 'auth', 'search'];
const LEVELS = ['info', 'info', 'info', 'info', 'debug', 'warn', 'error'];
const PATHS = ['/api/cart', '/api/orders', '/api/items/42', '/healthz', '/api/pay'];

/** Deterministic JSON service lines of about 150 characters, zap-like, for engine throughput. */
export function generateBenchLines(count: number, seed = 42): string[] {
  let state = seed >>> 0;
  const next = (n: number): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state % n;
  };
  const lines = new Array<string>(count);
  const base = Date.UTC(2026, 10, 24);
  for (let i = 0; i < count; i++) {
    const service = SERVICES[next(SERVICES.length)];
    const level = LEVELS[next(LEVELS.length)];
    const path = PATHS[next(PATHS.length)];
    const ts = new Date(base + i * 86).toISOString();
    lines[i] =
      `{"ts":"${ts}","level":"${level}","service":"${service}","msg":"handled request",` +
      `"path":"${path}","status":${level === 'error' ? 500 : 200},"latency_ms":${next(900)},` +
      `"trace_id":"${next(1 << 30).toString(16)}"}`;
  }
  return lines;
}
