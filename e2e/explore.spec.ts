import { expect, test, type Response } from './fixtures';
import { ExplorePage } from './pages/ExplorePage';
import { queryAnswer } from './queryAnswer';

const MINUTE = 60_000;

/** A fixed window that ends before the server started replaying, so answers are stable. */
function stableRange(): { from: number; to: number } {
  const to = Date.now() - 2 * MINUTE;
  return { from: to - 6 * 60 * MINUTE, to };
}

/** The answer to the query the test ran, not to the one Explore runs on load. */
function answerTo(query: string | RegExp): (response: Response) => boolean {
  return (response) => {
    if (!response.url().endsWith('/api/v1/query') || response.request().method() !== 'POST') {
      return false;
    }
    const sent = (response.request().postDataJSON() as { query?: string }).query ?? '';
    return typeof query === 'string' ? sent === query : query.test(sent);
  };
}

test('opens on Explore with the embedded datasource', async ({ page }, testInfo) => {
  const explore = new ExplorePage(page);
  await explore.open();
  await expect(explore.datasourcePicker).toContainText('local');
  await expect(explore.timeRange).toBeVisible();
  await expect(explore.editor).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('explore-open.png'), fullPage: true });
});

test('runs a query: histogram drawn, rows match the API answer', async ({ page }, testInfo) => {
  const explore = new ExplorePage(page);
  const { from, to } = stableRange();
  await explore.open(`?ds=local&from=${from}&to=${to}`);
  const answered = page.waitForResponse(answerTo('{job=~".+"} |= "GET"'));
  await explore.run('{job=~".+"} |= "GET"');
  const body = (await (await answered).json()) as { records: { line: string }[] };
  expect(body.records.length).toBeGreaterThan(0);

  expect(await explore.count()).toBe(body.records.length);
  await expect(explore.rows.first()).toBeVisible();
  // Colour codes are rendered as colours, not text: compare what a reader sees.
  // eslint-disable-next-line no-control-regex
  const visible = (body.records[0]?.line ?? '').replace(/\u001b\[[0-9;]*m/g, '');
  const firstLine = visible.slice(0, 40);
  await expect(explore.rows.first()).toContainText(firstLine);
  await expect(explore.histogram.locator('canvas').first()).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('explore-results.png'), fullPage: true });
});

test('"Load older lines" continues with the next page, older and without repeats', async ({
  page,
}) => {
  const explore = new ExplorePage(page);
  const { from, to } = stableRange();
  await explore.open(`?ds=local&from=${from}&to=${to}`);
  const first = page.waitForResponse(answerTo('{namespace="shop"}'));
  await explore.run('{namespace="shop"}');
  const page1 = (await (await first).json()) as {
    records: { id: string; ts: string }[];
    cursor?: string;
  };
  expect(page1.cursor).toBeDefined();
  await expect.poll(() => explore.count()).toBe(page1.records.length);

  const second = page.waitForResponse(answerTo('{namespace="shop"}'));
  await page.getByRole('button', { name: 'Load older lines' }).click();
  const response = await second;
  expect(response.request().postDataJSON()).toMatchObject({ cursor: page1.cursor });
  const page2 = (await response.json()) as { records: { id: string; ts: string }[] };
  await expect.poll(() => explore.count()).toBe(page1.records.length + page2.records.length);
  expect(BigInt(page2.records[0]?.ts ?? '0')).toBeLessThanOrEqual(
    BigInt(page1.records.at(-1)?.ts ?? '0'),
  );
  const ids = new Set([...page1.records, ...page2.records].map((r) => r.id));
  expect(ids.size).toBe(page1.records.length + page2.records.length);
});

test('dragging over the histogram zooms into that time range', async ({ page }, testInfo) => {
  const explore = new ExplorePage(page);
  await explore.open('?ds=local&from=now-6h&to=now');
  // The plot is rebuilt when the series change, so drag only once this query's bars are drawn.
  const charted = page.waitForResponse((r) => r.url().endsWith('/api/v1/histogram'));
  await explore.run('{job=~".+"}');
  await charted;
  await expect(explore.histogram).toHaveAttribute('aria-busy', 'false');
  await expect(explore.histogram.getByTestId('histogram-total')).toHaveText(/^[\d,]+ lines$/);
  const plot = explore.histogram.locator('.u-over');
  await expect(plot).toBeVisible();
  await expect.poll(async () => (await plot.boundingBox())?.width ?? 0).toBeGreaterThan(100);
  const box = await plot.boundingBox();
  if (!box) throw new Error('histogram has no box');
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width * 0.5, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.75, y, { steps: 5 });
  await page.mouse.up();

  await expect(page).toHaveURL(/from=\d{13}&to=\d{13}/);
  const url = new URL(page.url());
  const span = Number(url.searchParams.get('to')) - Number(url.searchParams.get('from'));
  // A quarter of six hours, give or take the bar edges.
  expect(span).toBeGreaterThan(75 * 60_000);
  expect(span).toBeLessThan(105 * 60_000);
  await expect(explore.timeRange).toContainText('→');
  await page.screenshot({ path: testInfo.outputPath('explore-zoom.png'), fullPage: true });
});

test('the editor completes label names and values from the datasource', async ({
  page,
}, testInfo) => {
  const explore = new ExplorePage(page);
  await explore.open('?ds=local&from=now-1h&to=now');
  await explore.editor.locator('.cm-content').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type('{names');
  const options = page.locator('.cm-tooltip-autocomplete li');
  // Wait for the list of the whole prefix: a list of an earlier keystroke may offer `node` first.
  await expect(options).toHaveText(['namespace']);
  // A click, not Enter: CodeMirror ignores keys for 75 ms after the list opens or changes
  // (interactionDelay), so an Enter sent at once by a robot would insert a new line instead.
  await options.getByText('namespace', { exact: true }).click();
  await page.keyboard.type('"pay');
  await expect(options).toHaveText(['payments']);
  await page.screenshot({ path: testInfo.outputPath('explore-complete.png') });
  await options.getByText('payments', { exact: true }).click();
  await expect.poll(() => explore.queryText()).toBe('{namespace="payments"');
  await page.keyboard.type('}');
  await expect.poll(() => explore.queryText()).toBe('{namespace="payments"}');
  const answered = page.waitForResponse(answerTo('{namespace="payments"}'));
  await page.keyboard.press('Shift+Enter');
  expect((await answered).status()).toBe(200);
});

test('a row opens its details with labels', async ({ page }) => {
  const explore = new ExplorePage(page);
  const { from, to } = stableRange();
  await explore.open(`?ds=local&from=${from}&to=${to}`);
  await explore.run('{job=~".+"}');
  await explore.rows.first().click();
  await expect(explore.details).toBeVisible();
  await expect(explore.details).toContainText('job');
});

test('a facet click narrows the results', async ({ page }, testInfo) => {
  const explore = new ExplorePage(page);
  const { from, to } = stableRange();
  await explore.open(`?ds=local&from=${from}&to=${to}`);
  await explore.run('{job=~".+"}');
  const total = explore.histogram.getByTestId('histogram-total');
  await expect(total).toHaveText(/^[\d,]+ lines$/);
  const before = Number(((await total.textContent()) ?? '').replace(/[^\d]/g, ''));

  const value = explore.facets.getByTestId('facet-value').first();
  const label = (await value.locator('.facet-label').textContent()) ?? '';
  const answered = page.waitForResponse(answerTo(/job="/));
  await value.click();
  const body = await queryAnswer(await answered);
  expect(body.records.length).toBeGreaterThan(0);
  for (const record of body.records) expect(record.labels['job']).toBe(label);
  expect(await explore.queryText()).toBe(`{job="${label}"}`);
  await expect
    .poll(async () => Number(((await total.textContent()) ?? '').replace(/[^\d]/g, '')))
    .toBeLessThan(before);
  await page.screenshot({ path: testInfo.outputPath('explore-facet.png'), fullPage: true });
});

test('reload restores the view from the URL', async ({ page }) => {
  const explore = new ExplorePage(page);
  const { from, to } = stableRange();
  await explore.open(`?ds=local&from=${from}&to=${to}`);
  const query = '{job=~".+"} |= "error"';
  await explore.run(query);
  const count = await explore.count();
  await expect(page).toHaveURL(/q=/);

  const url = page.url();
  const other = await page.context().browser()!.newContext();
  const second = new ExplorePage(await other.newPage());
  await second.page.goto(url);
  expect(await second.queryText()).toBe(query);
  expect(await second.count()).toBe(count);
  await other.close();

  await page.reload();
  expect(await explore.queryText()).toBe(query);
  expect(await explore.count()).toBe(count);
});

test('live tail shows a new line within 5 s', async ({ page }, testInfo) => {
  const explore = new ExplorePage(page);
  await explore.open('?ds=local&from=now-5m&to=now');
  await explore.setQuery('{job=~".+"}');
  const tailStart = Date.now();
  await explore.tailToggle.click();
  await expect
    .poll(
      async () => {
        const ts = await explore.rows.first().getAttribute('data-ts');
        return ts === null ? 0 : Number(BigInt(ts) / 1_000_000n);
      },
      { timeout: 5_000 },
    )
    .toBeGreaterThanOrEqual(tailStart - 1_000);
  await page.screenshot({ path: testInfo.outputPath('explore-tail.png'), fullPage: true });
  await explore.tailToggle.click();
});

test('a bad query shows its error at the right place', async ({ page }, testInfo) => {
  const explore = new ExplorePage(page);
  await explore.open('?ds=local&from=now-1h&to=now');
  const query = '{job="nginx"} |= "x" | jsn';
  const answered = page.waitForResponse(answerTo(query));
  await explore.run(query);
  const response = await answered;
  expect(response.status()).toBe(400);
  const body = (await response.json()) as {
    error: { code: string; message: string; position?: { from: number; to: number } };
  };
  expect(body.error.code).toBe('bad_query');
  const position = body.error.position;
  expect(position).toBeDefined();
  expect(query.slice(position?.from, position?.to)).toContain('jsn');

  await expect(explore.error).toBeVisible();
  await expect(explore.error).toContainText(body.error.message);
  await expect(explore.editor.locator('.cm-error-mark').first()).toHaveText('jsn');
  await page.screenshot({ path: testInfo.outputPath('explore-error.png'), fullPage: true });
});
