import { expect, test } from './fixtures';
import { ExplorePage } from './pages/ExplorePage';
import { LOKI_SIM_URL } from './servers';

/** Explore on the `loki` datasource, which points at the Loki simulator started for e2e. */
test('queries Loki: rows, level histogram and facets, like the API answer', async ({
  page,
}, testInfo) => {
  const explore = new ExplorePage(page);
  await explore.open('?ds=loki&from=now-1h&to=now');
  // This query's calls, not those of the default query the page ran on opening (which the
  // new Run cancels, so its body is gone).
  const query = '{namespace="payments"}';
  const ours = (r: { postDataJSON(): unknown }) =>
    (r.postDataJSON() as { query?: string } | null)?.query === query;
  const answered = page.waitForResponse(
    (r) =>
      r.url().endsWith('/api/v1/query') && r.request().method() === 'POST' && ours(r.request()),
  );
  const charted = page.waitForRequest((r) => r.url().endsWith('/api/v1/histogram') && ours(r));
  await explore.run(query);
  // The step follows the chart's width: a 1440 px window gets 30 s bars over an hour.
  expect(((await charted).postDataJSON() as { step?: number }).step).toBe(30_000);
  const body = (await (await answered).json()) as { records: { source: string }[] };
  expect(body.records.length).toBeGreaterThan(0);
  expect(body.records.every((r) => r.source === 'loki')).toBe(true);
  expect(await explore.count()).toBe(body.records.length);
  await expect(explore.rows.first()).toBeVisible();
  await expect(explore.histogram.locator('canvas').first()).toBeVisible();
  await expect(explore.facets).toContainText('pod');
  await page.screenshot({ path: testInfo.outputPath('loki-explore.png'), fullPage: true });

  // A wider window: finer bars, asked again for the new width.
  const rechart = page.waitForRequest((r) => r.url().endsWith('/api/v1/histogram'));
  await page.setViewportSize({ width: 2560, height: 900 });
  expect(((await rechart).postDataJSON() as { step?: number }).step).toBe(15_000);
});

test("Loki's parse error is underlined where Loki says", async ({ page }, testInfo) => {
  const explore = new ExplorePage(page);
  await explore.open('?ds=loki&from=now-1h&to=now');
  await explore.run('{namespace="payments"} |= "x" | jsn');
  await expect(explore.error).toContainText('Loki: parse error at line 1');
  await expect(explore.editor.locator('.cm-error-mark').first()).toHaveText('jsn');
  await page.screenshot({ path: testInfo.outputPath('loki-error.png'), fullPage: true });
});

test('live tail from Loki shows a pushed line within 5 s', async ({ page, request }) => {
  const explore = new ExplorePage(page);
  await explore.open('?ds=loki&from=now-5m&to=now');
  await explore.setQuery('{app="e2e-tail"}');
  await explore.tailToggle.click();
  const line = `e2e tail line ${Date.now()}`;
  // Pushed after the tail is open: the tail asks Loki from its own start, so wait for it first.
  await page.waitForTimeout(1_000);
  const pushed = await request.post(`${LOKI_SIM_URL}/loki/api/v1/push`, {
    data: {
      streams: [{ stream: { app: 'e2e-tail' }, values: [[String(Date.now() * 1_000_000), line]] }],
    },
  });
  expect(pushed.status()).toBe(204);
  await expect(explore.rows.filter({ hasText: line })).toHaveCount(1, { timeout: 5_000 });
  await explore.tailToggle.click();
});

test('Inspect shows the query_range request Logsift sends to Loki', async ({ page }, testInfo) => {
  const explore = new ExplorePage(page);
  await explore.open('?ds=loki&from=now-1h&to=now');
  await explore.run('{namespace="payments"}');
  await explore.inspect();
  await expect(explore.inspector).toContainText(`${LOKI_SIM_URL}/loki/api/v1/query_range`);
  // The histogram's request at the step the chart asks for: 30 s bars in a 1440 px window.
  await expect(explore.inspector).toContainText('count_over_time');
  await expect(explore.inspector).toContainText('[30s]))');
  await expect(explore.inspector).toContainText('X-Scope-OrgID:fake');
  await page.screenshot({ path: testInfo.outputPath('loki-inspect.png'), fullPage: true });
});
