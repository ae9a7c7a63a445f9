import { chromium, type Browser } from '@playwright/test';
import { chromiumLaunchOptions } from '../e2e/chromium';
import type { LogRecord, QueryResponse } from '../model';
import { startServer, waitFor } from './processes';
import { percentile } from './stats';

const PORT = 18_097;
const LINES = 100_000;
const SCROLL_MS = 4_000;

/**
 * 100,000 records built from the local datasource's real answer (the bundled samples and the
 * replayed shop), repeated further back in time until there are enough, with the two lines
 * that break naive lists: one of 1 MB and one JSON object of 10,000 keys, near the top.
 */
async function hundredThousand(base: string): Promise<QueryResponse> {
  const res = await fetch(`${base}/api/v1/query`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      datasource: 'local',
      language: 'logql',
      query: '{job=~".+"}',
      from: 'now-24h',
      to: 'now',
      limit: LINES,
    }),
  });
  const answer = (await res.json()) as QueryResponse;
  const real = answer.records;
  if (real.length === 0) throw new Error('the local datasource answered no records');
  const spanNs = BigInt(real[0]!.ts) - BigInt(real.at(-1)!.ts) + 1_000_000n;
  const records: LogRecord[] = [];
  for (let copy = 0; records.length < LINES; copy++) {
    for (const r of real) {
      if (records.length === LINES) break;
      records.push(
        copy === 0
          ? r
          : { ...r, id: `${r.id}~${copy}`, ts: String(BigInt(r.ts) - BigInt(copy) * spanNs) },
      );
    }
  }
  const huge = `payload=${'abcdefghij'.repeat(100_000)}`;
  const wide = JSON.stringify(
    Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`key_${i}`, `value ${i}`])),
  );
  records[3] = { ...records[3]!, line: huge };
  records[6] = { ...records[6]!, line: wide };
  return { ...answer, records, stats: { ...answer.stats, returned: LINES, truncated: false } };
}

interface Scrolled {
  frames: number[];
  scrollLongTasks: number[];
}

/**
 * Scrolls the list for `ms` from requestAnimationFrame: a fast wheel (400 px a frame) and a
 * jump to anywhere in the list once a second (or, not scrolling, nothing: the machine's
 * baseline). Frame gaps and long tasks are what it reports.
 * A string, as tsx's helper names in compiled functions do not exist in the page.
 */
const SCROLL_SCRIPT = `async (ms, scroll = true) => {
  const list = document.querySelector('[data-testid="log-list"]');
  if (!list) throw new Error('no log list');
  const long = [];
  const observer = new PerformanceObserver((entries) => {
    for (const e of entries.getEntries()) long.push(e.duration);
  });
  observer.observe({ type: 'longtask' });
  const frames = [];
  await new Promise((resolve) => {
    let last = 0;
    let n = 0;
    const end = performance.now() + ms;
    const frame = (now) => {
      if (last) frames.push(now - last);
      last = now;
      n++;
      if (!scroll) {}
      else if (n % 60 === 0) list.scrollTop = Math.random() * list.scrollHeight;
      else list.scrollTop += 400;
      if (now < end) requestAnimationFrame(frame);
      else resolve();
    };
    requestAnimationFrame(frame);
  });
  await new Promise((r) => setTimeout(r, 100));
  observer.disconnect();
  return { frames, scrollLongTasks: long };
}`;

interface Run {
  firstRowsMs: number;
  /** From the answer's first byte: what a streamed answer's first screen waits for. */
  fromFirstByteMs: number;
  afterParseMs: number;
  parseMs: number;
  /** Frame gaps of the same page doing nothing: what the machine allows at best. */
  idleFrames: number[];
  loadLongTasks: number[];
  frames: number[];
  scrollLongTasks: number[];
}

/** Opens Explore with the list options given, serves it the big answer, then scrolls. */
async function runOnce(
  browser: Browser,
  base: string,
  body: string,
  options: Record<string, unknown>,
): Promise<Run> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript((saved) => {
    localStorage.setItem('logsift.logList', saved);
    const w = window as unknown as {
      benchRowsAt?: number;
      benchLong: number[];
      benchParsed?: { start: number; end: number };
    };
    w.benchLong = [];
    // When the page finished reading the big answer: the list's work starts there.
    const parse = JSON.parse.bind(JSON);
    JSON.parse = ((text: string, reviver?: Parameters<typeof JSON.parse>[1]) => {
      const start = performance.now();
      const value: unknown = parse(text, reviver);
      if (text.length > 1_000_000) w.benchParsed = { start, end: performance.now() };
      return value;
    }) as typeof JSON.parse;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.benchLong.push(e.duration);
    }).observe({ type: 'longtask', buffered: true });
    new MutationObserver((_, observer) => {
      if (!document.querySelector('[data-testid="log-row"]')) return;
      observer.disconnect();
      // The frame after the one that drew the rows: they have been painted by then.
      requestAnimationFrame(() => setTimeout(() => (w.benchRowsAt = performance.now())));
    }).observe(document, { childList: true, subtree: true });
  }, JSON.stringify(options));
  // Every query answers the big body, the one Explore runs on opening included.
  await page.route('**/api/v1/query', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body }),
  );
  await page.goto(`${base}/?ds=local&from=now-24h&to=now&limit=${LINES}`);
  await page.getByTestId('result-count').filter({ hasText: '100,000' }).waitFor();
  await page.waitForFunction(() => (window as { benchRowsAt?: number }).benchRowsAt);
  const loaded = await page.evaluate(() => {
    const w = window as unknown as {
      benchRowsAt: number;
      benchLong: number[];
      benchParsed?: { start: number; end: number };
    };
    const answer = performance
      .getEntriesByType('resource')
      .filter((e) => e.name.endsWith('/api/v1/query'))
      .at(-1) as PerformanceResourceTiming | undefined;
    return {
      firstRowsMs: w.benchRowsAt - (answer?.responseEnd ?? Number.NaN),
      fromFirstByteMs: w.benchRowsAt - (answer?.responseStart ?? Number.NaN),
      afterParseMs: w.benchRowsAt - (w.benchParsed?.end ?? Number.NaN),
      parseMs: (w.benchParsed?.end ?? Number.NaN) - (w.benchParsed?.start ?? Number.NaN),
      loadLongTasks: [...w.benchLong],
    };
  });
  const idle = (await page.evaluate(`(${SCROLL_SCRIPT})(1000, false)`)) as Scrolled;
  const scrolled = (await page.evaluate(`(${SCROLL_SCRIPT})(${SCROLL_MS})`)) as Scrolled;
  await context.close();
  return { ...loaded, idleFrames: idle.frames, ...scrolled };
}

const ms = (n: number) => `${Math.round(n)} ms`;

function frameStats(gaps: readonly number[]): string {
  const frames = [...gaps].sort((a, b) => a - b);
  if (frames.length === 0) return 'no frames';
  const over = (limit: number) => frames.filter((f) => f > limit).length;
  return `${frames.length} frames: p50 ${percentile(frames, 50).toFixed(1)} ms, p95 ${percentile(frames, 95).toFixed(1)} ms, longest ${(frames.at(-1) ?? 0).toFixed(1)} ms, ${over(17)} over 17 ms, ${over(34)} over 34 ms`;
}

function describe(label: string, run: Run): string[] {
  const long = run.scrollLongTasks;
  return [
    `loglist ${label}: first rows painted ${ms(run.fromFirstByteMs)} after the answer's first byte, ${ms(run.firstRowsMs)} after its last, ${ms(run.afterParseMs)} after JSON.parse of it (which took ${ms(run.parseMs)}); long tasks while loading: ${run.loadLongTasks.map(ms).join(', ') || 'none'}`,
    `loglist ${label}: idle page ${frameStats(run.idleFrames)}`,
    `loglist ${label}: scrolling ${SCROLL_MS / 1000} s, ${frameStats(run.frames)}; long tasks over 50 ms: ${long.length === 0 ? 'none' : `${long.length} (longest ${ms(Math.max(...long))})`}`,
  ];
}

/** 100,000 lines in the real page in Chromium: time to first rows and smoothness of scrolling. */
export async function benchLogList(): Promise<string[]> {
  const server = startServer({
    PORT: String(PORT),
    HOST: '127.0.0.1',
    LOGSIFT_CONFIG: '',
    LOGSIFT_OPEN: '0',
  });
  const base = `http://127.0.0.1:${PORT}`;
  const out: string[] = [];
  try {
    await waitFor(`${base}/readyz`);
    const body = JSON.stringify(await hundredThousand(base));
    out.push(
      `loglist: answer of ${LINES.toLocaleString()} records, ${(body.length / 1e6).toFixed(1)} MB of JSON`,
    );
    const browser = await chromium.launch(chromiumLaunchOptions());
    try {
      out.push(...describe('unwrapped', await runOnce(browser, base, body, { wrap: false })));
      out.push(
        ...describe(
          'wrapped + prettified JSON',
          await runOnce(browser, base, body, { wrap: true, prettify: true }),
        ),
      );
      out.push(
        ...describe(
          'dedup by signature',
          await runOnce(browser, base, body, { dedup: 'signature' }),
        ),
      );
    } finally {
      await browser.close();
    }
  } finally {
    server.kill('SIGTERM');
  }
  return out;
}
