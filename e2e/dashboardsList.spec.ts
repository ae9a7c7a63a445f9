import { expect, test } from './fixtures';
import { createDashboard, DashboardsListPage } from './pages/DashboardsListPage';

// The e2e server keeps its SQLite file between runs: every title carries this run's tag and
// the list is searched for it, so older dashboards never change what a test sees.
const tag = `e2e${Date.now().toString(36)}`;

test('the dashboards list: search, import with every problem listed, import an export, delete', async ({
  page,
  request,
}) => {
  const checkout = await createDashboard(request, {
    title: `Checkout errors ${tag}`,
    description: 'payments and carts, 5xx from the shop',
    panels: [
      {
        id: 'p1',
        title: 'Errors',
        kind: 'logs',
        datasources: ['local'],
        language: 'logql',
        query: '{namespace="shop"} |= "error"',
        grid: { x: 0, y: 0, w: 12, h: 8 },
      },
    ],
  });
  await createDashboard(request, {
    title: `Ingress latency ${tag}`,
    description: 'nginx upstream response times',
  });
  const list = new DashboardsListPage(page);
  await list.open();

  await list.search.fill(tag);
  await expect(list.rows).toHaveCount(2);
  await expect(list.row(checkout.title)).toContainText('payments and carts');
  await expect(list.row(checkout.title).locator('td.num')).toHaveText('1');
  await list.search.fill(`nginx upstream`);
  await expect(list.row(`Ingress latency ${tag}`)).toBeVisible();
  await expect(list.row(checkout.title)).toHaveCount(0);

  // Three mistakes in one file: all three are listed at once, each with where it is.
  await list.importFile('broken.json', {
    schema: 'logsift.dashboard',
    schemaVersion: 1,
    dashboard: {
      title: '',
      links: [{ title: 'docs', url: 'javascript:alert(1)' }],
      panels: [
        {
          id: 'top',
          title: 'Top pods',
          kind: 'table',
          datasources: ['local'],
          language: 'logql',
          query: '{namespace="shop"}',
          grid: { x: 0, y: 0, w: 6, h: 6 },
        },
      ],
    },
  });
  await expect(list.importProblems).toHaveCount(3);
  await expect(list.importProblems.filter({ hasText: 'dashboard.title' })).toBeVisible();
  await expect(list.importProblems.filter({ hasText: 'dashboard.links.0.url' })).toContainText(
    'http(s) URL',
  );
  await expect(list.importProblems.filter({ hasText: 'dashboard.panels.0.field' })).toBeVisible();
  await page.screenshot({ path: '/tmp/dashlist-import-problems.png' });
  await list.importDialog.getByRole('button', { name: 'Cancel' }).click();

  // A file exported by Logsift imports as a new dashboard, which opens.
  const exported = (await (
    await request.get(`/api/v1/dashboards/${checkout.id}/export`)
  ).json()) as { dashboard: { title: string } };
  exported.dashboard.title = `Imported copy ${tag}`;
  // The page it opens is another part's; what matters here is that the import navigated to it.
  const visited: string[] = [];
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) visited.push(new URL(frame.url()).pathname);
  });
  const answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/dashboards/import'));
  await list.importFile('checkout.json', exported);
  const importedId = ((await (await answer).json()) as { id: string }).id;
  expect(importedId).not.toBe(checkout.id);
  await expect.poll(() => visited).toContain(`/dashboards/${importedId}`);
  const imported = await (await request.get(`/api/v1/dashboards/${importedId}`)).json();
  expect(imported).toMatchObject({ title: `Imported copy ${tag}`, panels: [{ id: 'p1' }] });

  await list.open();
  await list.search.fill(tag);
  await expect(list.rows).toHaveCount(3);
  await list.delete(`Ingress latency ${tag}`);
  await expect(list.rows).toHaveCount(2);
  await expect(list.row(`Ingress latency ${tag}`)).toHaveCount(0);
  await page.reload();
  await list.search.fill(tag);
  await expect(list.rows).toHaveCount(2);
});

test('a <script> title is shown as text and runs nothing', async ({ page, request }) => {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const title = `<script>alert(1)</script> ${tag}`;
  await createDashboard(request, {
    title,
    description: '<img src=x onerror=alert(2)>',
  });
  const list = new DashboardsListPage(page);
  await list.open();
  await list.search.fill(tag);
  const row = list.row(title);
  await expect(row.getByRole('link')).toHaveText(title);
  await expect(row).toContainText('<img src=x onerror=alert(2)>');
  await expect(list.list.locator('script, img')).toHaveCount(0);
  await page.waitForTimeout(300);
  expect(dialogs).toEqual([]);
});

test('screenshots of the dashboards list, dark and light', async ({ page, request }) => {
  const shots = [
    ['Checkout errors', 'payments and carts, 5xx from the shop'],
    ['Ingress latency', 'nginx upstream response times by host'],
    ['Kubernetes audit', 'who changed RBAC and when'],
    ['On-call overview', ''],
    ['Payments', 'card processor timeouts and retries'],
  ];
  for (const [title, description] of shots) {
    await createDashboard(request, { title: `${title} ${tag}`, description });
  }
  const list = new DashboardsListPage(page);
  for (const scheme of ['dark', 'light'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await list.open();
    const searched = page.waitForResponse((r) => r.url().includes(`search=${tag}`));
    await list.search.fill(tag);
    await searched;
    await expect(list.list.locator('table[aria-busy="false"]')).toBeVisible();
    await page.screenshot({ path: `/tmp/dashlist-list-${scheme}.png` });
  }
  await list.search.fill(`nothing ${tag}`);
  await expect(page.getByText(/No dashboard matches/)).toBeVisible();
  await page.screenshot({ path: '/tmp/dashlist-empty.png' });
});
