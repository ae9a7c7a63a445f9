import { existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { chromiumLaunchOptions } from '../e2e/chromium';
import { startProcess, startServer, waitFor } from './processes';

/**
 * The Explore page's live tail at 2,000 lines a second for a minute, in real Chromium: the
 * bench pushes lines into the Loki simulator, a Logsift in its own process tails it, and the
 * page shows them. Every 10 s: lines the page drew a second, the JS heap, long tasks (the
 * browser's own, over 50 ms). Targets: no long task, a flat heap.
 */
const SIM_PORT = 18_170;
const BFF_PORT = 18_171;
const RATE = 2_000;
const SECONDS = 60;
const REPORT_EVERY_S = 10;
const PUSHES_PER_S = 20;
const NS = 1_000_000n;
const APP = 'bench-ui-tail';

declare global {
  interface Window {
    benchLongTasks?: { at: number; ms: number }[];
  }
}

/** Long tasks from the page's first script on, as the browser reports them (all over 50 ms). */
function observeLongTasks(): void {
  window.benchLongTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      window.benchLongTasks?.push({ at: e.startTime, ms: e.duration });
    }
  }).observe({ type: 'longtask', buffered: true });
}

/** The highest line number among the rows on screen: how far the page has drawn. */
async function newestDrawn(page: Page): Promise<number> {
  return page.evaluate((app) => {
    let newest = -1;
    for (const row of document.querySelectorAll('[data-testid="log-row"]')) {
      const m = new RegExp(`${app} line (\\d+)`).exec(row.textContent ?? '');
      if (m) newest = Math.max(newest, Number(m[1]));
    }
    return newest;
  }, APP);
}

/** Pushes RATE lines a second for SECONDS, calling `tick` every REPORT_EVERY_S seconds. */
async function feed(tick: (second: number, sent: number) => Promise<void>): Promise<number> {
  const batch = RATE / PUSHES_PER_S;
  const started = performance.now();
  let sent = 0;
  for (let push = 0; push < SECONDS * PUSHES_PER_S; push++) {
    const now = BigInt(Date.now()) * NS;
    const values = Array.from({ length: batch }, (_, i) => [
      String(now + BigInt(i)),
      `level=info msg="${APP} line ${sent + i}" user=u${(sent + i) % 97} path=/api/cart`,
    ]);
    await fetch(`http://127.0.0.1:${SIM_PORT}/loki/api/v1/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ streams: [{ stream: { app: APP, level: 'info' }, values }] }),
    });
    sent += batch;
    if ((push + 1) % (REPORT_EVERY_S * PUSHES_PER_S) === 0) {
      await tick((push + 1) / PUSHES_PER_S, sent);
    }
    const due = started + ((push + 1) * 1_000) / PUSHES_PER_S;
    await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now())));
  }
  return sent;
}

const mb = (bytes: number) => (bytes / 1_048_576).toFixed(1);

export async function benchTail(): Promise<string[]> {
  if (!existsSync('dist/public/index.html')) {
    return ['ui tail: no built app in dist/public: run `npx vite build` first'];
  }
  const config = join(tmpdir(), `logsift-bench-ui-tail-${process.pid}.yaml`);
  writeFileSync(
    config,
    `datasources:\n  - id: loki\n    kind: loki\n    url: http://127.0.0.1:${SIM_PORT}\n    tail: { delayForSeconds: 0 }\n`,
  );
  const sim = startProcess([
    'sim/main.ts',
    'loki',
    '--port',
    String(SIM_PORT),
    '--sample-scale',
    '0.05',
  ]);
  const bff = startServer({
    PORT: String(BFF_PORT),
    HOST: '127.0.0.1',
    LOGSIFT_CONFIG: config,
    LOGSIFT_OPEN: '0',
  });
  const browser = await chromium.launch(chromiumLaunchOptions());
  const out: string[] = [];
  try {
    await waitFor(`http://127.0.0.1:${SIM_PORT}/ready`);
    await waitFor(`http://127.0.0.1:${BFF_PORT}/readyz`);
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.addInitScript(observeLongTasks);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const heapUsed = async (collect: boolean): Promise<number> => {
      if (collect) await cdp.send('HeapProfiler.collectGarbage');
      const { metrics } = await cdp.send('Performance.getMetrics');
      return metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? Number.NaN;
    };
    const query = encodeURIComponent(`{app="${APP}"}`);
    await page.goto(
      `http://127.0.0.1:${BFF_PORT}/?ds=loki&lang=logql&q=${query}&from=now-5m&to=now`,
    );
    await page.getByTestId('log-list').waitFor();
    await page.getByTestId('tail-toggle').click();
    await page.getByTestId('tail-toggle').getByText('● Live').waitFor();
    // The tail asks Loki from its own start: give the BFF's socket to Loki a moment to open.
    await page.waitForTimeout(1_500);
    const tasksBefore = await page.evaluate(() => window.benchLongTasks?.length ?? 0);
    const heapStart = await heapUsed(true);
    console.log(
      `ui tail: ${RATE.toLocaleString('en-US')} lines/s pushed for ${SECONDS} s into a Loki simulator, Logsift tailing it, Explore's live tail in Chromium; heap at start ${mb(heapStart)} MB (after GC)`,
    );
    let lastDrawn = -1;
    let lastAt = performance.now();
    let seen = tasksBefore;
    const heaps: number[] = [];
    const sent = await feed(async (second) => {
      const drawn = await newestDrawn(page);
      const now = performance.now();
      // The rows on screen trail the newest line by up to the ring's 10,000 while it fills,
      // so the first reading is only a baseline.
      const drawnText =
        lastDrawn < 0
          ? 'drawn: baseline'
          : `drawn ${(((drawn - lastDrawn) * 1_000) / (now - lastAt)).toFixed(0)} lines/s`;
      lastDrawn = drawn;
      lastAt = now;
      const tasks = await page.evaluate(() => window.benchLongTasks ?? []);
      const fresh = tasks.slice(seen);
      seen = tasks.length;
      const heap = await heapUsed(false);
      heaps.push(heap);
      const rate = (await page.getByTestId('tail-rate').textContent()) ?? '';
      console.log(
        `ui tail: ${String(second).padStart(2)} s  ${drawnText} (page says ${rate}), JS heap ${mb(heap)} MB, long tasks ${fresh.length}${fresh.length ? ` (worst ${Math.max(...fresh.map((t) => t.ms)).toFixed(0)} ms)` : ''}`,
      );
    });
    await page.waitForTimeout(1_000);
    const heapEnd = await heapUsed(true);
    const tasks = (await page.evaluate(() => window.benchLongTasks ?? [])).slice(tasksBefore);
    const worst = tasks.reduce((m, t) => Math.max(m, t.ms), 0);
    const shown = await page.getByTestId('result-count').textContent();
    const dropped = (await page.getByTestId('tail-dropped').count())
      ? await page.getByTestId('tail-dropped').textContent()
      : 'none dropped';
    out.push(
      `ui tail: ${sent.toLocaleString('en-US')} lines pushed; the list holds ${shown}; ${dropped}; long tasks over 50 ms: ${tasks.length}, worst ${worst.toFixed(0)} ms`,
      `ui tail: JS heap after GC ${mb(heapStart)} MB at start → ${mb(heapEnd)} MB at the end (${heapEnd >= heapStart ? '+' : ''}${mb(heapEnd - heapStart)} MB); without GC ${heaps.map(mb).join(', ')} MB at each ${REPORT_EVERY_S} s`,
    );
    return out;
  } finally {
    await browser.close();
    bff.kill('SIGTERM');
    sim.kill('SIGTERM');
  }
}
