import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page, type Response } from './fixtures';
import { ExplorePage } from './pages/ExplorePage';

const MINUTE = 60_000;
const QUERY = '{job=~".+"}';

/** A fixed window that ends before the server started replaying, so answers are stable. */
function stableRange(): { from: number; to: number } {
  const to = Date.now() - 2 * MINUTE;
  return { from: to - 6 * 60 * MINUTE, to };
}

function answerTo(query: string): (response: Response) => boolean {
  return (response) =>
    response.url().endsWith('/api/v1/query') &&
    response.request().method() === 'POST' &&
    (response.request().postDataJSON() as { query?: string }).query === query;
}

/** Runs the test's own query and waits for its rows, returning the answer's records. */
async function runListed(
  page: Page,
  explore: ExplorePage,
  query = QUERY,
): Promise<{ id: string; ts: string; line: string }[]> {
  const answered = page.waitForResponse(answerTo(query));
  await explore.run(query);
  const body = (await (await answered).json()) as {
    records: { id: string; ts: string; line: string }[];
  };
  await expect(explore.rows.first()).toBeVisible();
  expect(await explore.count()).toBe(body.records.length);
  return body.records;
}

test('wrap shows whole lines; order and time zone switch; options survive a reload', async ({
  page,
}) => {
  const explore = new ExplorePage(page);
  const { from, to } = stableRange();
  await explore.open(`?ds=local&from=${from}&to=${to}`);
  await runListed(page, explore);
  await page.screenshot({ path: '/tmp/loglist-nowrap.png' });

  const firstHeight = async () => (await explore.rows.first().boundingBox())?.height ?? 0;
  expect(await firstHeight()).toBe(22);
  await explore.setWrap(true);
  await expect(explore.logList).toHaveClass(/\bwrap\b/);
  const heights = await explore.rows.evaluateAll((rows) =>
    rows.map((r) => r.getBoundingClientRect().height),
  );
  // Long lines take several visual lines; rows follow each other without overlapping.
  expect(Math.max(...heights)).toBeGreaterThan(22);
  const tops = await explore.rows.evaluateAll((rows) =>
    rows.map((r) => Math.round(r.getBoundingClientRect().top)),
  );
  tops.slice(1).forEach((top, i) => expect(top).toBe(tops[i]! + Math.round(heights[i]!)));
  await page.screenshot({ path: '/tmp/loglist-wrap.png' });

  const newestFirst = await explore.rowTimes();
  expect(newestFirst[0]! >= newestFirst[1]!).toBe(true);
  await explore.setOrder('oldest');
  await expect.poll(async () => (await explore.rowTimes())[0]).toBeLessThan(newestFirst[0]!);
  const oldestFirst = await explore.rowTimes();
  expect(oldestFirst[0]! <= oldestFirst[1]!).toBe(true);

  await explore.setZone('utc');
  await expect(page.getByTestId('log-zone')).toContainText('UTC');
  const utc = new Date(Number(oldestFirst[0]! / 1_000_000n)).toISOString().slice(11, 23);
  await expect(explore.rows.first()).toContainText(utc);

  await page.reload();
  await expect(explore.logList).toHaveClass(/\bwrap\b/);
  await expect(page.getByTestId('log-order')).toHaveValue('oldest');
  await expect(page.getByTestId('log-zone')).toHaveValue('utc');
});

test('dedup folds repeated lines into one row with a count', async ({ page }) => {
  const explore = new ExplorePage(page);
  const { from, to } = stableRange();
  await explore.open(`?ds=local&from=${from}&to=${to}`);
  const records = await runListed(page, explore);
  await explore.setDedup('signature');
  await expect(page.getByTestId('log-dedup-summary')).toContainText('folded');
  // Only consecutive repeats fold, wherever they are in the answer: scroll until a folded row is drawn.
  const badge = page.getByTestId('log-dup-count').first();
  for (let screen = 0; screen < 80 && !(await badge.isVisible()); screen++) {
    await explore.logList.evaluate((el) => el.scrollBy(0, el.clientHeight));
    await page.waitForTimeout(50);
  }
  await expect(badge).toBeVisible();
  expect(Number((await badge.textContent())?.replace('×', ''))).toBeGreaterThan(1);
  const rowCount = await explore.logList
    .locator('[role=option]')
    .first()
    .getAttribute('aria-setsize');
  expect(Number(rowCount)).toBeLessThan(records.length);
  await page.screenshot({ path: '/tmp/loglist-dedup.png' });
});

test('a column picked from the fields is shown as a table column and kept in the URL', async ({
  page,
}) => {
  const explore = new ExplorePage(page);
  const { from, to } = stableRange();
  await explore.open(`?ds=local&from=${from}&to=${to}`);
  await runListed(page, explore);
  await explore.toggleColumn('namespace');
  await expect(page).toHaveURL(/[?&]col=namespace\b/);
  await expect(explore.columnHeaders).toHaveText(['namespace×']);
  await expect(explore.rows.first().locator('.log-cell')).not.toHaveText('');
  await page.screenshot({ path: '/tmp/loglist-columns.png' });
  await page.getByRole('button', { name: 'Remove column namespace' }).click();
  await expect(page).not.toHaveURL(/col=/);
  await expect(page.getByTestId('log-header')).toHaveCount(0);
});

test('keys move through the lines and Enter opens the details', async ({ page }) => {
  const explore = new ExplorePage(page);
  const { from, to } = stableRange();
  await explore.open(`?ds=local&from=${from}&to=${to}`);
  const records = await runListed(page, explore);
  await explore.logList.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(explore.logList.locator('.log-row.active')).toHaveAttribute(
    'data-id',
    records[2]!.id,
  );
  await page.keyboard.press('Enter');
  await expect(explore.details).toBeVisible();
  await expect(explore.logList.locator('.log-row.selected')).toHaveAttribute(
    'data-id',
    records[2]!.id,
  );
  await page.screenshot({ path: '/tmp/loglist-keyboard.png' });
  const axe = await new AxeBuilder({ page }).include('.log-list-panel').analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes[0]?.html ?? ''}`)).toEqual([]);
  await page.keyboard.press('End');
  await expect(explore.logList.locator('.log-row.active')).toHaveAttribute(
    'data-id',
    records.at(-1)!.id,
  );
  await expect(explore.logList.locator('.log-row.active')).toBeInViewport();
  await page.keyboard.press('Escape');
  await expect(explore.details).toBeHidden();
});

test('a link with line= scrolls to that line, marks it and opens its details', async ({ page }) => {
  const explore = new ExplorePage(page);
  const { from, to } = stableRange();
  await explore.open(`?ds=local&from=${from}&to=${to}`);
  const records = await runListed(page, explore);
  const target = records[Math.floor(records.length * 0.8)]!;
  const q = encodeURIComponent(QUERY);
  await page.goto(`/?ds=local&from=${from}&to=${to}&q=${q}&line=${encodeURIComponent(target.id)}`);
  const row = explore.logList.locator(`[data-id="${target.id}"]`);
  await expect(row).toBeInViewport();
  await expect(row).toHaveClass(/\blinked\b/);
  await expect(explore.details).toBeVisible();
  await page.screenshot({ path: '/tmp/loglist-linked.png' });
});
