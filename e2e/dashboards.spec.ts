import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page, type Request } from './fixtures';
import { DashboardPage } from './pages/DashboardPage';

const MINUTE = 60_000;

/** A fixed window that ends before the server started replaying, so answers are stable. */
function stableRange(): { from: number; to: number } {
  const to = Date.now() - 2 * MINUTE;
  return { from: to - 6 * 60 * MINUTE, to };
}

async function emptyDashboard(page: Page, title: string): Promise<string> {
  const answer = await page.request.post('/api/v1/dashboards', {
    data: { title, range: stableRange() },
  });
  expect(answer.status()).toBe(201);
  return ((await answer.json()) as { id: string }).id;
}

/** Requests to a panel route while `run` goes on. */
async function requestsDuring(page: Page, path: string, run: () => Promise<void>) {
  const seen: Request[] = [];
  const listen = (r: Request) => {
    if (r.method() === 'POST' && r.url().endsWith(path)) seen.push(r);
  };
  page.on('request', listen);
  await run();
  page.off('request', listen);
  return seen.map((r) => r.postDataJSON() as { query: string; step?: number });
}

async function contents(dash: DashboardPage) {
  return {
    stat: await dash.panel('Lines').getByTestId('panel-stat-value').textContent(),
    table: await dash.panel('Namespaces').getByTestId('panel-table-row').allTextContents(),
    logs: (await dash.panel('Recent lines').getByTestId('panel-log-row').allTextContents()).slice(
      0,
      10,
    ),
    volume: await dash.panel('Volume').locator('.dash-panel-note').textContent(),
  };
}

test('build a dashboard of four panel kinds and a variable, save, reload, change the variable', async ({
  page,
}) => {
  const dash = new DashboardPage(page);
  const id = await emptyDashboard(page, 'e2e shop');
  await dash.open(id);
  await expect(dash.title).toHaveText('e2e shop');
  await dash.edit.click();
  await dash.addFieldVariable('namespace', 'local', 'namespace');
  await expect(dash.variable('namespace').locator('.variable-value')).not.toContainText('none');

  const scoped = '{namespace="$namespace"}';
  await dash.add('logs', 'Recent lines', scoped);
  await dash.add('histogram', 'Volume', scoped);
  await dash.add('table', 'Namespaces', '{job=~".+"}', 'namespace');
  await dash.add('stat', 'Lines', scoped);
  await expect(dash.dirty).toBeVisible();
  // Leaving with unsaved changes asks; staying keeps them.
  page.once('dialog', (dialog) => void dialog.dismiss());
  await page.locator('.dash-crumbs a').click();
  await expect(page).toHaveURL(new RegExp(`/dashboards/${id}`));
  await expect(dash.dirty).toBeVisible();
  await dash.allDrawn(4);
  await dash.saveAndWait();
  await expect(dash.dirty).toBeHidden();

  // "Edit in Explore" carries the raw query, the values and the panel at the saved version.
  const stat = dash.panel('Lines');
  await stat.getByTestId('panel-menu').click();
  const href = await stat.getByTestId('panel-edit-in-explore').getAttribute('href');
  await stat.getByTestId('panel-menu').press('Escape');
  const link = new URL(href ?? '').searchParams;
  expect(link.get('q')).toBe(scoped);
  expect(link.getAll('ds')).toEqual(['local']);
  expect(link.get('panel')).toMatch(new RegExp(`^${id}\\.[A-Za-z0-9_-]+$`));
  expect(link.get('dv')).toBe('2');
  expect(link.get('var-namespace')).toBeTruthy();
  const before = await contents(dash);
  expect(Number(before.stat?.replace(/,/g, ''))).toBeGreaterThan(0);
  expect(before.table.length).toBeGreaterThan(2);
  expect(before.logs.length).toBeGreaterThan(0);
  await page.screenshot({ path: '/tmp/dash-e2e-built.png' });

  // After a reload the same panels draw the same answers; histogram and stat share one request.
  const histograms = await requestsDuring(page, '/api/v1/histogram', async () => {
    await page.reload();
    await dash.allDrawn(4);
  });
  expect(await contents(dash)).toEqual(before);
  expect(histograms).toHaveLength(1);
  expect(histograms[0]?.query).toMatch(/^\{namespace="[^$"]+"\}$/);

  // Another value: the panels that use it ask again with it, the others keep their answer.
  const current = histograms[0]?.query.match(/"(.+)"/)?.[1] ?? '';
  const other = current === 'payments' ? 'kube-system' : 'payments';
  const rerun = await requestsDuring(page, '/api/v1/histogram', async () => {
    await dash.pickVariable('namespace', other);
    await expect(page).toHaveURL(new RegExp(`var-namespace=${other}`));
    await dash.allDrawn(4);
  });
  expect(rerun.map((r) => r.query)).toEqual([`{namespace="${other}"}`]);
  const after = await contents(dash);
  expect(after.stat).not.toEqual(before.stat);
  expect(after.table).toEqual(before.table);
  await page.screenshot({ path: '/tmp/dash-e2e-variable.png' });

  // Back returns to the first value, with the first answers.
  await page.goBack();
  await dash.allDrawn(4);
  expect((await contents(dash)).stat).toEqual(before.stat);
});

test('two people save the same dashboard: the second sees the conflict', async ({ browser }) => {
  const first = await browser.newContext();
  const second = await browser.newContext();
  const a = new DashboardPage(await first.newPage());
  const b = new DashboardPage(await second.newPage());
  const id = await emptyDashboard(a.page, 'e2e shared');
  await a.open(id);
  await b.open(id);
  await expect(a.title).toHaveText('e2e shared');
  await expect(b.title).toHaveText('e2e shared');

  await a.edit.click();
  await a.title.fill('e2e shared (A)');
  await a.saveAndWait();

  await b.edit.click();
  await b.title.fill('e2e shared (B)');
  await b.save.click();
  await expect(b.conflict).toBeVisible();
  await expect(b.conflict).toContainText('version 2');
  await b.page.screenshot({ path: '/tmp/dash-e2e-conflict.png' });
  await b.conflict.getByTestId('conflict-reload').click();
  await expect(b.conflict).toBeHidden();
  await expect(b.title).toHaveText('e2e shared (A)');
  await first.close();
  await second.close();
});

for (const scheme of ['dark', 'light'] as const) {
  test(`the dashboard page has no serious accessibility violation (${scheme})`, async ({
    page,
  }) => {
    await page.emulateMedia({ colorScheme: scheme });
    const answer = await page.request.post('/api/v1/dashboards', {
      data: {
        title: `e2e a11y ${scheme}`,
        range: stableRange(),
        panels: (['logs', 'histogram', 'table', 'stat', 'timeseries'] as const).map((kind, i) => ({
          id: `p${i}`,
          title: kind,
          kind,
          datasources: ['local'],
          language: 'logql',
          query:
            kind === 'timeseries'
              ? 'sum by (level) (count_over_time({job=~".+"} [5m]))'
              : '{job=~".+"}',
          ...(kind === 'table' ? { field: 'namespace' } : {}),
          grid: { x: (i % 2) * 6, y: Math.floor(i / 2) * 7, w: 6, h: 7 },
        })),
      },
    });
    const { id } = (await answer.json()) as { id: string };
    const dash = new DashboardPage(page);
    await dash.open(id);
    await dash.allDrawn(5);
    const serious = async () =>
      (
        await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa']).analyze()
      ).violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map(
          (v) =>
            `${v.id}: ${v.nodes
              .map((n) => n.target.join(' '))
              .slice(0, 3)
              .join(' | ')}`,
        );
    expect(await serious()).toEqual([]);
    await dash.edit.click();
    await dash.panels.first().getByTestId('panel-menu').click();
    expect(await serious()).toEqual([]);
    await page.screenshot({ path: `/tmp/dash-e2e-a11y-${scheme}.png` });
  });
}
