import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page, type Request } from './fixtures';
import type { Dashboard, SavedQuery } from '../model';
import { ExplorePage } from './pages/ExplorePage';
import { AddToDashboard, ExploreSaving, SavedQueriesPage } from './pages/SavedPages';

/** Saved objects outlive a run (the server's data directory): names carry the run's stamp. */
const stamp = `${Date.now().toString(36)}`;

/** The logs request of the test's own query, not the default one Explore runs on open. */
const querySent = (query: string) => (request: Request) =>
  request.url().endsWith('/api/v1/query') &&
  request.method() === 'POST' &&
  (request.postDataJSON() as { query?: string }).query === query;

test('save a query, find it on /queries, open it, save version 2, delete it', async ({ page }) => {
  const explore = new ExplorePage(page);
  const saving = new ExploreSaving(page);
  const name = `Shop errors ${stamp}`;
  const query = '{namespace="shop"} |= "error"';
  await explore.open('?ds=local&lang=logql&from=now-6h&to=now');
  const ran = page.waitForRequest(querySent(query));
  await explore.run(query);
  await ran;
  await expect(page.getByTestId('top-nav')).toBeVisible();
  await page.screenshot({ path: '/tmp/explore-topbar.png' });

  await saving.saveButton.click();
  await saving.name.fill(name);
  await saving.description.fill('What broke in the shop');
  await page.screenshot({ path: '/tmp/explore-save-dialog.png' });
  await saving.submit.click();
  await expect(saving.note).toContainText(`${name}” · version 1`);
  await expect(page).toHaveURL(/[?&]saved=/);
  const id = new URL(page.url()).searchParams.get('saved') ?? '';

  const stored = (await (
    await page.request.get(`/api/v1/saved-queries/${id}`)
  ).json()) as SavedQuery;
  expect(stored).toMatchObject({
    name,
    description: 'What broke in the shop',
    datasources: ['local'],
    language: 'logql',
    query,
    range: { from: 'now-6h', to: 'now' },
    version: 1,
  });

  await page.reload();
  const list = new SavedQueriesPage(page);
  await page.getByTestId('top-nav-link').filter({ hasText: 'Saved queries' }).click();
  await expect(page).toHaveURL(/\/queries$/);
  await expect(
    page.getByTestId('top-nav-link').filter({ hasText: 'Saved queries' }),
  ).toHaveAttribute('aria-current', 'page');
  await list.find(stamp);
  await expect(list.row(name)).toContainText(query);
  await expect(list.row(name)).toContainText('Last 6h');
  await page.screenshot({ path: '/tmp/saved-queries.png' });

  await list.row(name).getByTestId('saved-query-open').click();
  await expect(page).toHaveURL(new RegExp(`[?&]saved=${id}`));
  await expect.poll(() => explore.queryText()).toBe(query);

  const changed = `${query} |= "timeout"`;
  const reran = page.waitForRequest(querySent(changed));
  await explore.run(changed);
  await reran;
  await saving.saveButton.click();
  await expect(saving.name).toHaveValue(name);
  await expect(saving.saveAsNew).toBeVisible();
  await saving.submit.click();
  await expect(saving.note).toContainText('version 2');
  const second = (await (
    await page.request.get(`/api/v1/saved-queries/${id}`)
  ).json()) as SavedQuery;
  expect(second).toMatchObject({ version: 2, query: changed, name });

  await list.open();
  await list.find(stamp);
  await list.remove(name);
  expect((await page.request.get(`/api/v1/saved-queries/${id}`)).status()).toBe(404);
});

test('a short link opens the same query and range in a fresh browser context', async ({
  page,
  browser,
}) => {
  const explore = new ExplorePage(page);
  const saving = new ExploreSaving(page);
  const query = `{namespace="payments"} |= "${stamp}"`;
  await explore.open('?ds=local&lang=logql&from=now-3h&to=now');
  const ran = page.waitForRequest(querySent(query));
  await explore.run(query);
  await ran;
  await expect(page).toHaveURL(/from=now-3h/);
  const link = await saving.shortLink();
  expect(new URL(link).pathname).toMatch(/^\/s\/[A-Za-z0-9_-]{22}$/);

  const fresh = await browser.newContext();
  try {
    const other = await fresh.newPage();
    const otherExplore = new ExplorePage(other);
    await other.goto(link);
    await expect(otherExplore.runButton).toBeVisible();
    await expect.poll(() => otherExplore.queryText()).toBe(query);
    await expect(otherExplore.timeRange).toContainText('Last 3h');
    expect(new URL(other.url()).searchParams.get('from')).toBe('now-3h');
  } finally {
    await fresh.close();
  }
});

test('editing a dashboard panel: variables interpolated in requests, Apply saves the panel', async ({
  page,
}) => {
  const created = await page.request.post('/api/v1/dashboards', {
    data: {
      title: `Shop board ${stamp}`,
      variables: [{ kind: 'field', name: 'ns', datasource: 'local', field: 'namespace' }],
      panels: [
        {
          id: 'p1',
          title: 'Shop lines',
          kind: 'logs',
          datasources: ['local'],
          language: 'logql',
          query: '{namespace="$ns"}',
          grid: { x: 0, y: 0, w: 12, h: 8 },
        },
      ],
    },
  });
  expect(created.status()).toBe(201);
  const dashboard = (await created.json()) as Dashboard;

  const explore = new ExplorePage(page);
  const saving = new ExploreSaving(page);
  const interpolated = page.waitForRequest(querySent('{namespace="shop"}'));
  const params = new URLSearchParams({
    ds: 'local',
    lang: 'logql',
    q: '{namespace="$ns"}',
    from: 'now-1h',
    to: 'now',
    'var-ns': 'shop',
    panel: `${dashboard.id}.p1`,
    dv: String(dashboard.version),
  });
  await explore.open(`?${params.toString()}`);
  await interpolated;
  await expect(saving.banner).toContainText('Shop lines');
  await expect(saving.banner).toContainText(`Shop board ${stamp}`);
  await expect(saving.bannerVariables).toHaveText(['$ns shop']);
  await expect.poll(() => explore.queryText()).toBe('{namespace="$ns"}');
  await page.screenshot({ path: '/tmp/explore-panel-edit.png' });

  const edited = '{namespace="$ns"} |= "error"';
  const reran = page.waitForRequest(querySent('{namespace="shop"} |= "error"'));
  await explore.run(edited);
  await reran;
  await saving.apply.click();
  await expect(page).toHaveURL(new RegExp(`/dashboards/${dashboard.id}\\?var-ns=shop$`));
  const after = (await (
    await page.request.get(`/api/v1/dashboards/${dashboard.id}`)
  ).json()) as Dashboard;
  expect(after.version).toBe(dashboard.version + 1);
  expect(after.panels[0]).toMatchObject({ id: 'p1', query: edited, datasources: ['local'] });
});

test('Add to dashboard puts the query on an existing dashboard as a top values panel', async ({
  page,
}) => {
  const title = `Cart board ${stamp}`;
  const created = await page.request.post('/api/v1/dashboards', {
    data: {
      title,
      panels: [
        {
          id: 'p1',
          title: 'Count',
          kind: 'stat',
          datasources: ['local'],
          language: 'logql',
          query: '{app="cart"}',
          grid: { x: 0, y: 0, w: 3, h: 4 },
        },
      ],
    },
  });
  const dashboard = (await created.json()) as Dashboard;
  const explore = new ExplorePage(page);
  const query = '{namespace="shop"} |= "error"';
  await explore.open('?ds=local&lang=logql&from=now-6h&to=now');
  const ran = page.waitForRequest(querySent(query));
  await explore.run(query);
  await ran;
  await expect(explore.facets).toContainText('pod');

  await new AddToDashboard(page).add(title, 'table', 'pod');
  await page.screenshot({ path: '/tmp/explore-added.png' });
  await page.getByTestId('open-dashboard').click();
  await expect(page).toHaveURL(new RegExp(`/dashboards/${dashboard.id}$`));

  const after = (await (
    await page.request.get(`/api/v1/dashboards/${dashboard.id}`)
  ).json()) as Dashboard;
  expect(after.version).toBe(2);
  expect(after.panels[1]).toMatchObject({
    kind: 'table',
    title: 'Top pod',
    field: 'pod',
    query,
    datasources: ['local'],
    language: 'logql',
    grid: { x: 3, y: 0 },
  });
});

/** Serious and critical axe findings on the page as it stands. */
async function serious(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21aa'])
    .analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id}: ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(' | ')}`,
    );
}

for (const scheme of ['dark', 'light'] as const) {
  test(`the queries page and the Save dialog have no serious accessibility violation (${scheme})`, async ({
    page,
  }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.request.post('/api/v1/saved-queries', {
      data: {
        name: `A11y ${scheme} ${stamp}`,
        description: 'checked by axe',
        datasources: ['local'],
        language: 'logql',
        query: '{app="cart"}',
        range: { from: 'now-1h', to: 'now' },
      },
    });
    const list = new SavedQueriesPage(page);
    await list.open();
    await list.find(`A11y ${scheme} ${stamp}`);
    expect(await serious(page)).toEqual([]);
    await page.screenshot({ path: `/tmp/explore-queries-${scheme}.png` });

    const explore = new ExplorePage(page);
    await explore.open('?ds=local');
    const saving = new ExploreSaving(page);
    await saving.saveButton.click();
    await expect(saving.dialog).toBeVisible();
    expect(await serious(page)).toEqual([]);
  });
}
