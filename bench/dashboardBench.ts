import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { chromiumLaunchOptions } from '../e2e/chromium';
import type { DashboardBodyInput, Panel } from '../model';
import { startServer, waitFor } from './processes';
import { percentile } from './stats';

const PORT = 18_098;
const RUNS = 5;
const PANELS = 8;

const panel = (
  id: string,
  kind: Panel['kind'],
  query: string,
  grid: Panel['grid'],
  extra: Partial<Panel> = {},
): Panel => ({
  id,
  title: id,
  kind,
  datasources: ['local'],
  language: 'logql',
  query,
  grid,
  ...extra,
});

const scoped = '{namespace="$namespace"}';
const errors = '{job=~".+"} |= "error"';

/**
 * Eight panels of every kind on the embedded data, as a team would lay out an incident view:
 * volume and count on one query (one request), errors as a histogram, a count and lines, top
 * namespaces and pods, and a metric's lines; `$namespace` chosen.
 */
const DASHBOARD: DashboardBodyInput = {
  title: 'bench: shop incident',
  range: { from: 'now-6h', to: 'now' },
  variables: [
    { kind: 'field', name: 'namespace', datasource: 'local', field: 'namespace', current: 'shop' },
  ],
  panels: [
    panel('volume', 'histogram', scoped, { x: 0, y: 0, w: 8, h: 7 }),
    panel('lines', 'stat', scoped, { x: 8, y: 0, w: 4, h: 3 }),
    panel('errors', 'stat', errors, { x: 8, y: 3, w: 4, h: 4 }),
    panel('errorVolume', 'histogram', errors, { x: 0, y: 7, w: 6, h: 6 }),
    panel('byLevel', 'timeseries', 'sum by (level) (count_over_time({job=~".+"} [$__interval]))', {
      x: 6,
      y: 7,
      w: 6,
      h: 6,
    }),
    panel(
      'namespaces',
      'table',
      '{job=~".+"}',
      { x: 0, y: 13, w: 4, h: 8 },
      { field: 'namespace' },
    ),
    panel('pods', 'table', scoped, { x: 4, y: 13, w: 4, h: 8 }, { field: 'pod' }),
    panel('errorLines', 'logs', errors, { x: 8, y: 13, w: 4, h: 8 }),
  ],
};

interface Run {
  drawnMs: number;
  /** From navigation start: the dashboard's JSON answered, the first panel request sent, the last answered. */
  dashboardAt: number;
  firstPanelAsked: number;
  lastPanelAnswered: number;
  apiRequests: number;
  panelRequests: number;
}

async function openOnce(browser: Browser, url: string): Promise<Run> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const asked: string[] = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.startsWith('/api/')) asked.push(path);
  });
  await page.goto(url);
  // Polled each frame: the moment the last panel turns drawn, from navigation start.
  const drawnMs = (await (
    await page.waitForFunction(
      (count) => {
        const panels = document.querySelectorAll('[data-testid="dashboard-panel"]');
        const failed = document.querySelector(
          '[data-testid="dashboard-panel"][data-state="error"]',
        );
        if (failed) throw new Error(`a panel failed: ${failed.textContent ?? ''}`);
        const drawn = [...panels].filter((p) => p.getAttribute('data-state') === 'drawn');
        return panels.length === count && drawn.length === count ? performance.now() : false;
      },
      PANELS,
      { polling: 'raf', timeout: 30_000 },
    )
  ).jsonValue()) as number;
  const timings = await page.evaluate(() =>
    (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((e) => ({
      path: new URL(e.name).pathname,
      start: e.startTime,
      end: e.responseEnd,
    })),
  );
  await context.close();
  const panelTimings = timings.filter((t) => /\/api\/v1\/(query|histogram|facets)$/.test(t.path));
  const panelRoutes = ['/api/v1/query', '/api/v1/histogram', '/api/v1/facets'];
  return {
    drawnMs,
    dashboardAt: timings.find((t) => t.path.startsWith('/api/v1/dashboards/'))?.end ?? Number.NaN,
    firstPanelAsked: Math.min(...panelTimings.map((t) => t.start)),
    lastPanelAnswered: Math.max(...panelTimings.map((t) => t.end)),
    apiRequests: asked.length,
    panelRequests: asked.filter((p) => panelRoutes.includes(p)).length,
  };
}

const median = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );

/** A dashboard of 8 panels opened in Chromium: time until every panel is drawn, and requests. */
export async function benchDashboard(): Promise<string[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'logsift-bench-dash-'));
  const server = startServer({
    PORT: String(PORT),
    HOST: '127.0.0.1',
    LOGSIFT_CONFIG: '',
    LOGSIFT_OPEN: '0',
    LOGSIFT_DATA_DIR: dataDir,
  });
  const base = `http://127.0.0.1:${PORT}`;
  try {
    await waitFor(`${base}/readyz`);
    const created = await fetch(`${base}/api/v1/dashboards`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(DASHBOARD),
    });
    if (created.status !== 201) throw new Error(`creating the dashboard: ${await created.text()}`);
    const { id } = (await created.json()) as { id: string };
    const browser = await chromium.launch(chromiumLaunchOptions());
    const runs: Run[] = [];
    try {
      for (let i = 0; i < RUNS; i++) runs.push(await openOnce(browser, `${base}/dashboards/${id}`));
    } finally {
      await browser.close();
    }
    const times = runs.map((r) => r.drawnMs).sort((a, b) => a - b);
    const ms = (n: number) => `${Math.round(n)} ms`;
    return [
      `dashboard: ${PANELS} panels (2 histograms, 2 stats, time series, 2 tables, logs; 3 share a request with another), embedded data, now-6h, ${RUNS} opens in Chromium`,
      `dashboard: every panel drawn after ${runs.map((r) => ms(r.drawnMs)).join(', ')} from navigation start; median ${ms(percentile(times, 50))}, max ${ms(times.at(-1) ?? Number.NaN)} (target ≤ 1,500 ms)`,
      `dashboard: where the time goes (median): dashboard JSON answered at ${ms(median(runs.map((r) => r.dashboardAt)))}, first panel request sent at ${ms(median(runs.map((r) => r.firstPanelAsked)))}, last panel answer at ${ms(median(runs.map((r) => r.lastPanelAnswered)))}`,
      `dashboard: requests per open: ${runs[0]?.panelRequests} panel requests (query/histogram/facets) for ${PANELS} panels, ${runs[0]?.apiRequests} API requests in all (dashboard, settings, datasources, variable values)`,
    ];
  } finally {
    server.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }
}
