import { expect, test, type Page } from './fixtures';
import { ExplorePage } from './pages/ExplorePage';
import { ES_SIM_URL, LOKI_SIM_URL } from './servers';

/**
 * Hostile text in log lines, labels, field names and values and dashboard titles
 * (RELIABILITY §1.5 6 and 37; ESA-2017-08, CVE-2022-31097) is shown as text in the real
 * browser: no element it describes appears, no script of it runs, no javascript: link.
 */
const tag = `xss${Date.now()}`;
const PAYLOADS = [
  `<img src=x onerror="window.__xss=1" data-xss="img">`,
  `"><script data-xss="script">window.__xss=2</script>`,
  `<svg/onload="window.__xss=3" data-xss="svg">`,
  `<a href="javascript:window.__xss=4" data-xss="a">click</a>`,
  `</textarea><iframe srcdoc="<p>x</p>" data-xss="iframe"></iframe>`,
  `{{constructor.constructor('window.__xss=5')()}}`,
];

/** Records dialogs from the start; checks the page holds no injected element or script effect. */
function guard(page: Page): () => Promise<void> {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return async () => {
    await expect(page.locator('[data-xss]')).toHaveCount(0);
    await expect(page.locator('a[href^="javascript:" i], iframe[srcdoc]')).toHaveCount(0);
    expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
    expect(dialogs).toEqual([]);
  };
}

test('log lines and labels from Loki render as text', async ({ page, request }, testInfo) => {
  const check = guard(page);
  const ns = BigInt(Date.now()) * 1_000_000n;
  const pushed = await request.post(`${LOKI_SIM_URL}/loki/api/v1/push`, {
    data: {
      streams: PAYLOADS.map((payload, i) => ({
        stream: { app: tag, payload: payload.slice(0, 60) },
        values: [[String(ns + BigInt(i)), `${tag} line ${i}: ${payload}`]],
      })),
    },
  });
  expect(pushed.status()).toBe(204);
  const explore = new ExplorePage(page);
  await explore.open('?ds=loki&from=now-15m&to=now');
  await explore.run(`{app="${tag}"}`);
  await expect(explore.rows).toHaveCount(PAYLOADS.length);
  const img = explore.rows.filter({ hasText: 'data-xss="img"' });
  await expect(img).toHaveCount(1);
  await img.click();
  await expect(explore.details).toContainText('<img src=x onerror="window.__xss=1" data-xss');
  await expect(explore.facets).toContainText('payload');
  await explore.openField('payload');
  await page.screenshot({ path: testInfo.outputPath('xss-loki.png'), fullPage: true });
  await page.screenshot({ path: '/tmp/hardening-xss-loki.png', fullPage: true });
  await check();
});

test('field names and values from Elasticsearch render as text', async ({ page, request }) => {
  const check = guard(page);
  const docs = PAYLOADS.flatMap((payload, i) => [
    JSON.stringify({ index: { _index: 'fluentd-xss' } }),
    JSON.stringify({
      '@timestamp': new Date(Date.now() - i * 1_000).toISOString(),
      log: `${tag} document ${i}: ${payload}`,
      stream: 'stdout',
      [`<b data-xss="name">field ${i}</b>`]: payload,
      kubernetes: { namespace_name: tag, pod_name: payload },
    }),
  ]);
  const bulk = await request.post(`${ES_SIM_URL}/_bulk?refresh=true`, {
    headers: { 'content-type': 'application/x-ndjson' },
    data: `${docs.join('\n')}\n`,
  });
  expect(bulk.status()).toBe(200);
  const explore = new ExplorePage(page);
  await explore.open('?ds=es&from=now-15m&to=now');
  await explore.run(`"${tag}"`);
  await expect(explore.rows).toHaveCount(PAYLOADS.length);
  await explore.openDetails(0);
  await expect(explore.details).toContainText('<b data-xss="name">');
  await page.screenshot({ path: '/tmp/hardening-xss-es.png', fullPage: true });
  await check();
});

test('dashboard titles render as text in the list and on the page', async ({ page }) => {
  const check = guard(page);
  const title = `${tag} ${PAYLOADS[0]} ${PAYLOADS[1]}`;
  const created = await page.request.post('/api/v1/dashboards', {
    data: { title, range: { from: 'now-1h', to: 'now' } },
  });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  await page.goto('/dashboards');
  await expect(page.getByText(title)).toBeVisible();
  await page.goto(`/dashboards/${id}`);
  await expect(page.getByText(title).first()).toBeVisible();
  await expect(page).toHaveTitle(/.*/);
  await page.screenshot({ path: '/tmp/hardening-xss-dashboard.png', fullPage: true });
  await check();
});
