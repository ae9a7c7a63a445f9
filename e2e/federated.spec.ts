import { readFileSync } from 'node:fs';
import { expect, test, type Response } from './fixtures';
import { ExplorePage } from './pages/ExplorePage';

const MINUTE = 60_000;

/** A fixed window that ends before the server started replaying, so answers are stable. */
function stableRange(): { from: number; to: number } {
  const to = Date.now() - 2 * MINUTE;
  return { from: to - 6 * 60 * MINUTE, to };
}

/**
 * The answer to a query over three datasources: not the page's opening query, nor the one over
 * two that the second pick cancels (its body is gone).
 */
const federatedAnswer = (response: Response): boolean => {
  if (!response.url().endsWith('/api/v1/query') || response.request().method() !== 'POST') {
    return false;
  }
  const sent = (response.request().postDataJSON() as { datasource?: unknown }).datasource;
  return Array.isArray(sent) && sent.length === 3;
};

test('one query on three backends: merged by time, a source column, stacked by source', async ({
  page,
}, testInfo) => {
  const explore = new ExplorePage(page);
  const { from, to } = stableRange();
  await explore.open(
    `?ds=local&lang=logql&q=${encodeURIComponent('{namespace="shop"}')}&from=${from}&to=${to}`,
  );
  await expect(explore.rows.first()).toBeVisible();

  const answered = page.waitForResponse(federatedAnswer);
  await page.getByTestId('sources-picker').click();
  await page.getByTestId('source-option').nth(0).check();
  await page.getByTestId('source-option').nth(1).check();
  const body = (await (await answered).json()) as {
    records: { source: string; ts: string }[];
    stats: { sources: { datasource: string; error?: unknown; query?: { language: string } }[] };
  };
  const sources = new Set(body.records.map((r) => r.source));
  expect(sources.size).toBeGreaterThan(1);
  const times = body.records.map((r) => BigInt(r.ts));
  expect(times.every((t, i) => i === 0 || (times[i - 1] ?? t) >= t)).toBe(true);
  expect(body.stats.sources.every((s) => s.error === undefined)).toBe(true);

  await expect(page.getByTestId('source-chip')).toHaveCount(2);
  expect(new URL(page.url()).searchParams.getAll('ds')).toHaveLength(3);
  // The list shows where each line came from; the histogram stacks one series per source.
  await expect(page.getByTestId('log-header')).toContainText('source');
  await expect(page.getByTestId('histogram-legend')).toContainText('local');
  await page.screenshot({ path: testInfo.outputPath('federated.png') });
});

test('downloads every result of the query as CSV and NDJSON, not only the drawn rows', async ({
  page,
}) => {
  const explore = new ExplorePage(page);
  const { from, to } = stableRange();
  const query = '{namespace="payments"}';
  await explore.open(`?ds=local&lang=logql&q=${encodeURIComponent(query)}&from=${from}&to=${to}`);
  await expect(explore.rows.first()).toBeVisible();

  for (const format of ['ndjson', 'csv'] as const) {
    await page.getByTestId('download-toggle').click();
    const downloading = page.waitForEvent('download');
    await page.locator(`[data-testid="download-link"][data-format="${format}"]`).click();
    const file = await (await downloading).path();
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    if (format === 'ndjson') {
      const first = JSON.parse(lines[0] ?? '{}') as { labels?: Record<string, string> };
      expect(first.labels?.['namespace']).toBe('payments');
      // More than the 1,000 lines the page lists: the file holds every match up to the limit.
      expect(lines.length).toBeGreaterThan(1000);
    } else {
      expect(lines[0]).toMatch(/^time,source,level,/);
      expect(lines.length).toBeGreaterThan(1001);
    }
  }
});
