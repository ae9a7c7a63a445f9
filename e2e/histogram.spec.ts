import { expect, test, type Response } from './fixtures';
import { ExplorePage } from './pages/ExplorePage';

const MINUTE = 60_000;

/** A fixed window that ends before the server started replaying, so counts are stable. */
function stableRange(): { from: number; to: number } {
  const to = Date.now() - 2 * MINUTE;
  return { from: to - 6 * 60 * MINUTE, to };
}

/** The histogram answer to the query the test ran, not to the one Explore runs on load. */
function histogramOf(query: string) {
  return (response: Response) =>
    response.url().endsWith('/api/v1/histogram') &&
    response.request().method() === 'POST' &&
    (response.request().postDataJSON() as { query?: string }).query === query;
}

test('shows the total and the step, and a click on a bar zooms to its bucket', async ({ page }) => {
  const explore = new ExplorePage(page);
  const { from, to } = stableRange();
  await explore.open(`?ds=local&from=${from}&to=${to}`);
  const query = '{job=~".+"}';
  const answered = page.waitForResponse(histogramOf(query));
  await explore.run(query);
  const body = (await (await answered).json()) as {
    stepMs: number;
    series: { counts: number[] }[];
  };
  const total = body.series.flatMap((s) => s.counts).reduce((a, b) => a + b, 0);
  await expect(explore.histogramTotal).toHaveText(`${total.toLocaleString('en-US')} lines`);
  await expect(explore.histogramStep).toHaveText(/^\d+[smhd]\w* buckets$/);
  await page.screenshot({ path: '/tmp/histtail-histogram.png' });

  const zoomed = page.waitForResponse(
    (r) => r.url().endsWith('/api/v1/histogram') && r.request().method() === 'POST',
  );
  await explore.clickHistogram(0.5);
  await zoomed;
  await expect.poll(() => explore.urlRange().from).not.toBe(from);
  const range = explore.urlRange();
  expect(range.to - range.from).toBe(body.stepMs);
  expect(range.from).toBeGreaterThanOrEqual(from - body.stepMs);
  expect(range.to).toBeLessThanOrEqual(to + body.stepMs);
});

test('a legend toggle hides a level and shift-click shows it alone', async ({ page }) => {
  const explore = new ExplorePage(page);
  const { from, to } = stableRange();
  await explore.open(`?ds=local&from=${from}&to=${to}`);
  await explore.run('{job=~".+"}');
  const info = explore.legendToggle('info');
  await expect(info).toHaveAttribute('aria-pressed', 'true');
  const all = await explore.histogramTotal.textContent();
  await info.click();
  await expect(info).toHaveAttribute('aria-pressed', 'false');
  await expect(explore.histogramTotal).toHaveText(/^[\d,]+ of [\d,]+ lines$/);
  expect(await explore.histogramTotal.textContent()).toContain(`of ${all}`);
  await page.screenshot({ path: '/tmp/histtail-legend.png' });

  await explore.legendToggle('error').click({ modifiers: ['Shift'] });
  await expect(explore.histogramLegend.locator('[aria-pressed="true"]')).toHaveText(['error']);
  // Run again, same query: the legend keeps what was hidden.
  await explore.runButton.click();
  await expect(explore.legendToggle('info')).toHaveAttribute('aria-pressed', 'false');
});

test('a metric query is drawn as lines with its unit and the same legend', async ({ page }) => {
  const explore = new ExplorePage(page);
  const { from, to } = stableRange();
  await explore.open(`?ds=local&from=${from}&to=${to}`);
  await explore.run('sum by (namespace) (rate({job=~".+"}[5m]))');
  await expect(explore.histogramTotal).toHaveText(/^\d+ series$/);
  await expect(explore.histogramStep).toHaveText(/^step \d+[smhd]/);
  await expect(explore.histogram).toContainText('lines/s');
  const shop = explore.legendToggle('{namespace="shop"}');
  await expect(shop).toBeVisible();
  await shop.click();
  await expect(shop).toHaveAttribute('aria-pressed', 'false');
  await page.screenshot({ path: '/tmp/histtail-metric.png' });
});
