import { expect, test, type Page, type Response } from './fixtures';
import { ExplorePage } from './pages/ExplorePage';

/** Explore on the `cw` datasource: CloudWatch Logs Insights, the simulator reached by the real SDK. */

interface Sent {
  datasource?: string;
  query?: string;
  targets?: string[];
}

function answered(page: Page, match: (sent: Sent) => boolean): Promise<Response> {
  return page.waitForResponse((r) => {
    if (!r.url().endsWith('/api/v1/query') || r.request().method() !== 'POST') return false;
    const sent = r.request().postDataJSON() as Sent;
    return sent.datasource === 'cw' && match(sent);
  });
}

const APPLICATION = '/aws/containerinsights/logsift-shop/application';
const DATAPLANE = '/aws/containerinsights/logsift-shop/dataplane';

test('Logs Insights: progress while it runs, rows, scan cost, then the same range from the cache', async ({
  page,
}, testInfo) => {
  const explore = new ExplorePage(page);
  // An absolute range: an identical query over it is answered without a new scan.
  const to = Date.now();
  const from = to - 24 * 3_600_000;
  await explore.open(`?ds=cw&lang=insights&from=${from}&to=${to}`);
  await expect(explore.languagePicker).toContainText('Logs Insights');
  const query = 'filter @message like /GET/';
  const first = answered(page, (s) => s.query === query);
  await explore.run(query);
  // CloudWatch's Running state: the place in line or the rows so far, before the answer.
  await expect(page.getByTestId('query-progress')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('cw-running.png'), fullPage: true });
  expect((await first).status()).toBe(200);
  await expect(page.getByTestId('query-progress')).toBeHidden({ timeout: 15_000 });
  expect(await explore.count()).toBeGreaterThan(0);
  await expect(explore.rows.first()).toContainText('GET');
  await expect(page.getByTestId('scan-cost')).toContainText(/scanned [\d.]+ [KM]?B .* ≈ /);
  await expect(explore.histogram.locator('canvas').first()).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('cw-results.png'), fullPage: true });

  const again = answered(page, (s) => s.query === query);
  await explore.run();
  await again;
  await expect(page.getByTestId('scan-cost')).toHaveText(/from cache/, { timeout: 15_000 });

  // The details panel reads the whole event (GetLogRecord by @ptr): fields a list row lacks.
  const full = page.waitForResponse((r) => r.url().includes('/api/v1/datasources/cw/records/'));
  await explore.rows.first().click();
  expect((await full).status()).toBe(200);
  await expect(explore.details).toContainText('@ingestionTime');
  await page.screenshot({ path: testInfo.outputPath('cw-details.png'), fullPage: true });
});

test('a stats query is shown as a table; a mistake is pointed at', async ({ page }, testInfo) => {
  const explore = new ExplorePage(page);
  await explore.open('?ds=cw&lang=insights&from=now-24h&to=now');
  const stats = 'stats count(*) as n by @logStream | sort n desc | limit 5';
  const ran = answered(page, (s) => s.query === stats);
  await explore.run(stats);
  expect((await ran).status()).toBe(200);
  // The answer streams (NDJSON progress): its headers come long before its last line.
  const table = page.getByTestId('stats-table');
  await expect(table.locator('th')).toHaveText(['@logStream', 'n'], { timeout: 15_000 });
  await expect(table.locator('tbody tr')).toHaveCount(5);
  await page.screenshot({ path: testInfo.outputPath('cw-stats.png'), fullPage: true });

  await explore.run('filter @message like');
  await expect(explore.error).toBeVisible();
  await expect(explore.editor.locator('.cm-error-mark').first()).toBeVisible();
});

test('the log group picker searches by prefix and runs on the picked groups', async ({
  page,
}, testInfo) => {
  const explore = new ExplorePage(page);
  await explore.open('?ds=cw&lang=insights&from=now-24h&to=now');
  const picker = page.getByTestId('log-group-picker');
  await picker.getByRole('button', { name: /default groups/ }).click();
  await page.getByTestId('log-group-search').fill('/aws/containerinsights/');
  const options = page.getByTestId('log-group-option');
  await expect(options.filter({ hasText: DATAPLANE })).toBeVisible();
  await expect(options.filter({ hasText: '/aws/eks/' })).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('cw-log-groups.png') });

  const one = answered(page, (s) => s.targets?.join() === DATAPLANE);
  await options.filter({ hasText: DATAPLANE }).locator('input').check();
  expect((await one).status()).toBe(200);
  const two = answered(page, (s) => s.targets?.length === 2);
  await options.filter({ hasText: APPLICATION }).locator('input').check();
  const sent = (await two).request().postDataJSON() as Sent;
  expect(sent.targets?.sort()).toEqual([APPLICATION, DATAPLANE]);
  await picker.getByRole('button', { name: 'Done' }).click();
  await expect(picker).toContainText('2 log groups');
  await expect(page).toHaveURL(/[?&]t=/);
});
