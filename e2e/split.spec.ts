import { expect, test } from './fixtures';
import { ExplorePage } from './pages/ExplorePage';

test('split view: two queries side by side on one time range, both in the URL', async ({
  page,
}, testInfo) => {
  const explore = new ExplorePage(page);
  await explore.open(`?ds=local&q=${encodeURIComponent('{namespace="shop"}')}&from=now-3h&to=now`);
  await expect(explore.rows.first()).toBeVisible();
  await page.getByTestId('split-open').click();
  const panes = page.locator('.explore');
  await expect(panes).toHaveCount(2);
  const right = panes.nth(1);

  await right.getByTestId('datasource-picker').selectOption('es');
  // Elasticsearch speaks LogQL too (through the IR), so the pane keeps the query as written.
  await expect(right.getByRole('radio', { name: 'LogQL' })).toHaveAttribute('aria-checked', 'true');
  await right.getByTestId('run-query').click();
  await expect(right.getByTestId('log-row').first()).toBeVisible();
  const url = new URL(page.url());
  expect(url.searchParams.get('split')).toBe('1');
  expect(url.searchParams.get('ds')).toBe('local');
  expect(url.searchParams.get('r.ds')).toBe('es');

  // A range picked in the right pane runs in the left one too.
  await right.getByTestId('time-range').locator('button').first().click();
  await right.getByRole('button', { name: 'Last 15m' }).click();
  await expect(panes.nth(0).getByTestId('time-range')).toContainText('15m');
  await expect.poll(() => new URL(page.url()).searchParams.get('from')).toBe('now-15m');
  await page.screenshot({ path: testInfo.outputPath('split.png') });

  // A reload brings both panes back.
  await page.reload();
  await expect(page.locator('.explore')).toHaveCount(2);
  await expect(page.locator('.explore').nth(1).getByTestId('datasource-picker')).toHaveValue('es');
  await page.getByTestId('split-close').click();
  await expect(page.locator('.explore')).toHaveCount(1);
  expect(new URL(page.url()).searchParams.get('split')).toBeNull();
});
