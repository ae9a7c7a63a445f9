import { expect, test } from './fixtures';
import { ExplorePage } from './pages/ExplorePage';

test('live tail on local: lines/s, pause with a growing count, resume, clear', async ({ page }) => {
  test.setTimeout(60_000);
  const explore = new ExplorePage(page);
  await explore.open('?ds=local&from=now-5m&to=now');
  await explore.setQuery('{job=~".+"}');
  await explore.tailToggle.click();
  await expect(explore.tailToggle).toHaveText(/Live/);
  await expect.poll(() => explore.tailLinesPerSecond(), { timeout: 10_000 }).toBeGreaterThan(0);
  await expect.poll(() => explore.count(), { timeout: 10_000 }).toBeGreaterThan(0);

  await explore.tailPause.click();
  await expect(explore.tailPending).toHaveText(/^Paused · [\d,]+ new$/);
  const shown = await explore.count();
  await expect.poll(() => explore.tailPendingCount(), { timeout: 10_000 }).toBeGreaterThan(0);
  const early = await explore.tailPendingCount();
  await expect.poll(() => explore.tailPendingCount(), { timeout: 10_000 }).toBeGreaterThan(early);
  expect(await explore.count()).toBe(shown);
  await page.screenshot({ path: '/tmp/histtail-tail-paused.png' });

  const held = await explore.tailPendingCount();
  await explore.tailPause.click();
  await expect(explore.tailPending).toHaveCount(0);
  expect(await explore.count()).toBeGreaterThanOrEqual(shown + held);
  // The newest line is at the bottom: the list's last row is later than its first.
  const times = await explore.rows.evaluateAll((rows) =>
    rows.map((r) => BigInt(r.getAttribute('data-ts') ?? '0')),
  );
  expect(times.length).toBeGreaterThan(1);
  expect(times.at(-1)! >= times[0]!).toBe(true);
  await page.screenshot({ path: '/tmp/histtail-tail.png' });

  await explore.tailPause.click();
  await explore.tailClear.click();
  await expect(explore.resultCount).toHaveText('0 lines');
  await expect(explore.tailPending).toHaveText('Paused · 0 new');
  await explore.tailPause.click();
  await explore.tailToggle.click();
});
