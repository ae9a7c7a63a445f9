import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from './fixtures';
import type { Dashboard } from '../model';
import { ExplorePage } from './pages/ExplorePage';
import { NGINX_URL, SUBPATH } from './servers';

/**
 * Logsift with `server.basePath: /logs` behind Debian's nginx at /logs/ (e2e/nginx/start.ts), as
 * behind an Ingress at a path: every request the page makes, WebSockets included, stays under
 * the prefix, and nginx's WebSocket proxying carries a live tail.
 */
const BASE = `${NGINX_URL}${SUBPATH}/`;
const WS_BASE = BASE.replace(/^http/, 'ws');

/** Every URL the page asks for, from its first request on. */
function recordRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (r) => urls.push(r.url()));
  page.on('websocket', (ws) => urls.push(ws.url()));
  return urls;
}

const outsidePrefix = (urls: string[]) =>
  urls.filter((u) => !u.startsWith(BASE) && !u.startsWith(WS_BASE) && !/^(data|blob):/.test(u));

test('behind nginx at /logs/: assets, API, tail WebSocket, short link, dashboards, reload', async ({
  page,
  request,
}) => {
  test.setTimeout(60_000);
  const urls = recordRequests(page);
  const explore = new ExplorePage(page);

  await page.goto(`${BASE}?ds=local&from=now-24h&to=now`);
  await expect(explore.runButton).toBeVisible();
  const query = '{namespace="shop"} |= "error"';
  await explore.setQuery(query);
  const answered = page.waitForResponse(
    (r) =>
      r.url() === `${BASE}api/v1/query` &&
      (r.request().postData() ?? '').includes('|= \\"error\\"'),
  );
  await explore.run();
  expect((await answered).status()).toBe(200);
  await expect(explore.rows.first()).toBeVisible();
  expect(await explore.count()).toBeGreaterThan(0);
  await expect(page.locator('.cm-content')).toHaveText(query);

  // The datasource on a dead port is named under the top bar; the samples answered all along.
  const strip = page.getByTestId('status-strip');
  await expect(strip).toContainText('Datasource Loki (down) is not answering: cannot reach Loki');
  await expect(strip).toContainText('ECONNREFUSED');
  await page.screenshot({ path: '/tmp/subpath-explore.png' });

  // Reload restores the view from the URL, still under the prefix.
  await page.reload();
  await expect(page.locator('.cm-content')).toHaveText(query);
  await expect(explore.rows.first()).toBeVisible();
  expect(new URL(page.url()).pathname).toBe(`${SUBPATH}/`);

  // Live tail through nginx's WebSocket proxy: the upgrade goes under /logs/ and lines arrive.
  const socket = page.waitForEvent('websocket');
  await explore.setQuery('{job=~".+"}');
  await explore.tailToggle.click();
  const ws = await socket;
  expect(ws.url()).toBe(`${WS_BASE}api/v1/tail`);
  await expect.poll(() => explore.tailLinesPerSecond(), { timeout: 15_000 }).toBeGreaterThan(0);
  await expect(explore.rows.first()).toBeVisible();
  await explore.tailToggle.click();

  // A short link: made by Share, it reads /logs/s/<id> and opens this view again.
  await explore.setQuery(query);
  await explore.run();
  await expect(explore.rows.first()).toBeVisible();
  await page.getByTestId('share-link').click();
  const shortUrl = await page.getByTestId('share-link-url').inputValue();
  expect(shortUrl).toMatch(new RegExp(`^${BASE}s/[A-Za-z0-9_-]+$`));
  await page.goto(shortUrl);
  await expect(page.locator('.cm-content')).toHaveText(query);
  await expect(explore.rows.first()).toBeVisible();
  expect(new URL(page.url()).pathname).toBe(`${SUBPATH}/`);

  // Dashboards: the list, its links and a dashboard's panel links all stay under the prefix.
  const created = await request.post(`${BASE}api/v1/dashboards`, {
    data: {
      title: `Behind nginx ${Date.now().toString(36)}`,
      panels: [
        {
          id: 'p1',
          title: 'Errors',
          kind: 'logs',
          datasources: ['local'],
          language: 'logql',
          query,
          grid: { x: 0, y: 0, w: 12, h: 8 },
        },
      ],
    },
  });
  expect(created.status()).toBe(201);
  const dashboard = (await created.json()) as Dashboard;
  await page.getByTestId('top-nav-link').filter({ hasText: 'Dashboards' }).click();
  await expect(page).toHaveURL(`${BASE}dashboards`);
  const row = page.getByRole('link', { name: dashboard.title, exact: true });
  await expect(row).toHaveAttribute('href', `${BASE}dashboards/${dashboard.id}`);
  const hrefs = await page
    .locator('a[href]')
    .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
  expect(hrefs.filter((h) => !h.startsWith(BASE))).toEqual([]);
  await row.click();
  await expect(page).toHaveURL(new RegExp(`^${BASE}dashboards/${dashboard.id}`));
  await expect(page.getByTestId('panel-log-row').first()).toBeVisible();
  await page.getByTestId('panel-menu').click();
  await expect(page.getByTestId('panel-edit-in-explore')).toHaveAttribute(
    'href',
    new RegExp(`^${BASE}\\?`),
  );
  const panelHrefs = await page
    .locator('a[href]')
    .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
  expect(panelHrefs.filter((h) => !h.startsWith(BASE))).toEqual([]);
  await page.reload();
  await expect(page.getByTestId('panel-log-row').first()).toBeVisible();
  await page.screenshot({ path: '/tmp/subpath-dashboard.png' });

  expect(urls.length).toBeGreaterThan(10);
  expect(outsidePrefix(urls)).toEqual([]);
});

for (const scheme of ['dark', 'light'] as const) {
  test(`the status strip is readable (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(BASE);
    const strip = page.getByTestId('status-strip');
    await expect(strip).toHaveAttribute('role', 'status');
    await expect(strip).toContainText('Loki (down)');
    const result = await new AxeBuilder({ page })
      .include('[data-testid="status-strip"]')
      .withTags(['wcag2a', 'wcag2aa', 'wcag21aa'])
      .analyze();
    expect(result.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    await strip.screenshot({ path: `/tmp/subpath-strip-${scheme}.png` });
  });
}
