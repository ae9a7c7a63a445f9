import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from './fixtures';
import type { Dashboard, ListResponse, MeResponse, SavedQuery } from '../model';
import { DashboardPage } from './pages/DashboardPage';
import { ExplorePage } from './pages/ExplorePage';
import { ExploreSaving, SavedQueriesPage } from './pages/SavedPages';
import { SharingControls } from './pages/SharingControls';

/**
 * The sharing controls as a signed-in person sees them. The e2e server runs with sign-in off
 * (the sign-in itself has its own e2e), so /api/v1/auth/me is answered here as a built-in
 * user's; the server still stores and returns the sharing for real.
 */
const stamp = `${Date.now().toString(36)}`;
const ALICE: MeResponse = {
  mode: 'users',
  user: { id: 'anonymous', name: 'Alice', groups: ['ops', 'payments'], unrestricted: false },
};

/** axe's serious and critical findings on the page as it is, named by rule and element. */
async function serious(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21aa'])
    .analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
}

async function signedIn(page: Page): Promise<void> {
  await page.route('**/api/v1/auth/me', (route) => route.fulfill({ json: ALICE }));
}

test('save a query shared with a group; the list shows owner, badge and a view-only one', async ({
  page,
}) => {
  await signedIn(page);
  // Someone else's query shared read-only, as the server would list it to alice.
  const other = (await (
    await page.request.post('/api/v1/saved-queries', {
      data: {
        name: `Payments 5xx ${stamp}`,
        description: '',
        datasources: ['local'],
        language: 'logql',
        query: '{app="payments"} |= "500"',
        range: { from: 'now-1h', to: 'now' },
        sharing: { kind: 'groups', groups: ['ops'], canEdit: false },
      },
    })
  ).json()) as SavedQuery;
  await page.route('**/api/v1/saved-queries?*', async (route) => {
    const answer = (await (await route.fetch()).json()) as ListResponse<SavedQuery>;
    const items = answer.items.map((q) =>
      q.id === other.id ? { ...q, owner: 'bob', access: 'view' as const } : q,
    );
    await route.fulfill({ json: { ...answer, items } });
  });

  const explore = new ExplorePage(page);
  const saving = new ExploreSaving(page);
  const sharing = new SharingControls(page);
  await explore.open('?ds=local&lang=logql&from=now-6h&to=now');
  await saving.saveButton.click();
  await saving.name.fill(`Shop errors ${stamp}`);
  await expect(sharing.choice('private')).toBeChecked();
  await sharing.choice('groups').check();
  await expect(saving.submit).toBeDisabled();
  await sharing.chip('ops').click();
  await sharing.canEdit.check();
  await expect(sharing.groups).toHaveValue('ops');
  await saving.dialog.screenshot({ path: '/tmp/sharing-save-dialog.png' });
  expect(await serious(page)).toEqual([]);
  await saving.submit.click();
  await expect(saving.note).toContainText('version 1');
  const id = new URL(page.url()).searchParams.get('saved') ?? '';
  const stored = (await (
    await page.request.get(`/api/v1/saved-queries/${id}`)
  ).json()) as SavedQuery;
  expect(stored.sharing).toEqual({ kind: 'groups', groups: ['ops'], canEdit: true });

  const list = new SavedQueriesPage(page);
  await page.goto('/queries');
  await list.find(stamp);
  await expect(sharing.badge(list.row(`Shop errors ${stamp}`))).toHaveText(/youShared/);
  const theirs = list.row(`Payments 5xx ${stamp}`);
  await expect(sharing.badge(theirs)).toHaveText('bobSharedview only');
  await expect(theirs.getByTestId('saved-query-edit')).toHaveCount(0);
  await expect(theirs.getByTestId('saved-query-delete')).toHaveCount(0);
  await page.screenshot({ path: '/tmp/sharing-queries-list.png' });
  await page.emulateMedia({ colorScheme: 'light' });
  expect(await serious(page)).toEqual([]);
  await page.screenshot({ path: '/tmp/sharing-queries-list-light.png' });
});

test("a dashboard's owner changes its sharing; a view-only one opens without Edit", async ({
  page,
}) => {
  await signedIn(page);
  const created = (await (
    await page.request.post('/api/v1/dashboards', { data: { title: `On-call ${stamp}` } })
  ).json()) as Dashboard;
  const dashboard = new DashboardPage(page);
  const sharing = new SharingControls(page);
  await dashboard.open(created.id);
  await sharing.openDashboardSharing.click();
  // Saved with sign-in off, so everyone's and editable until its owner says otherwise.
  await expect(sharing.choice('public')).toBeChecked();
  await expect(sharing.canEdit).toBeChecked();
  await sharing.canEdit.uncheck();
  await page.screenshot({ path: '/tmp/sharing-dashboard-dialog.png' });
  await page.getByRole('button', { name: 'Save sharing' }).click();
  await expect(sharing.field).toHaveCount(0);
  const stored = (await (
    await page.request.get(`/api/v1/dashboards/${created.id}`)
  ).json()) as Dashboard;
  expect(stored).toMatchObject({ version: 2, sharing: { kind: 'public', canEdit: false } });

  await page.route(`**/api/v1/dashboards/${created.id}`, async (route) => {
    const answer = (await (await route.fetch()).json()) as Dashboard;
    await route.fulfill({ json: { ...answer, owner: 'bob', access: 'view' } });
  });
  await page.reload();
  await expect(page.getByTestId('sharing-read-only')).toHaveText('View only');
  await expect(page.getByTestId('dashboard-edit')).toHaveCount(0);
  await expect(sharing.openDashboardSharing).toHaveCount(0);
  await page.screenshot({ path: '/tmp/sharing-dashboard-readonly.png' });
});
