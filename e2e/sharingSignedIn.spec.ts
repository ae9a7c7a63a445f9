import { expect, test, type Browser, type Page } from './fixtures';
import type { SavedQuery } from '../model';
import { SavedQueriesPage } from './pages/SavedPages';
import { SignInPage } from './pages/SignInPage';
import { AUTH_LOGSIFT_URL } from './servers';

/**
 * Sharing between real people: three users of the sign-in Logsift (e2e/logsift.auth.e2e.yaml),
 * each in their own browser context with their own session cookie. ana and cy are in team-a,
 * bob in no group.
 */
const PASSWORDS: Record<string, string> = {
  ana: 'ana-e2e-password',
  bob: 'bob-e2e-password',
  cy: 'cy-e2e-password',
};

async function signedIn(browser: Browser, user: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: AUTH_LOGSIFT_URL });
  const page = await context.newPage();
  await page.goto('/queries');
  const signIn = new SignInPage(page);
  await signIn.signIn(user, PASSWORDS[user]!);
  await expect(signIn.userName).toHaveText(user);
  return page;
}

test('a query shared with team-a to view: cy sees it and cannot change it, bob never sees it', async ({
  browser,
}) => {
  const name = `team-a errors ${Date.now().toString(36)}`;
  const body = {
    name,
    description: 'shared by ana',
    datasources: ['local'],
    language: 'logql',
    query: '{job=~".+"} |= "error"',
    range: { from: 'now-1h', to: 'now' },
  };
  const ana = await signedIn(browser, 'ana');
  const created = await ana.request.post('/api/v1/saved-queries', {
    data: { ...body, sharing: { kind: 'groups', groups: ['team-a'], canEdit: false } },
  });
  expect(created.status()).toBe(201);
  const saved = (await created.json()) as SavedQuery;
  expect(saved).toMatchObject({ owner: 'ana', access: 'owner' });

  const cy = await signedIn(browser, 'cy');
  const cyList = new SavedQueriesPage(cy);
  await cyList.open();
  await cyList.find(name);
  await expect(cyList.row(name).getByTestId('sharing-badge')).toContainText('ana');
  await expect(cyList.row(name).getByTestId('sharing-badge')).toContainText('view only');
  await expect(cyList.row(name).getByTestId('saved-query-delete')).toHaveCount(0);
  await cy.screenshot({ path: '/tmp/sharing-signed-in-cy.png' });
  const edit = await cy.request.put(`/api/v1/saved-queries/${saved.id}`, {
    data: { ...body, name: 'taken over', version: saved.version },
  });
  expect(edit.status()).toBe(403);
  expect(((await edit.json()) as { error: { code: string } }).error.code).toBe('forbidden');

  const bob = await signedIn(browser, 'bob');
  const bobList = new SavedQueriesPage(bob);
  await bobList.open();
  await bobList.search.fill(name);
  await expect(bobList.empty).toBeVisible();
  await expect(bobList.row(name)).toHaveCount(0);
  expect((await bob.request.get(`/api/v1/saved-queries/${saved.id}`)).status()).toBe(404);

  // What cy was refused did not happen.
  const after = await ana.request.get(`/api/v1/saved-queries/${saved.id}`);
  expect(((await after.json()) as SavedQuery).name).toBe(name);
  await Promise.all([ana, bob, cy].map((page) => page.context().close()));
});
