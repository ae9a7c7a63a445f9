import { expect, test } from '@playwright/test';
import { SignInPage } from './pages/SignInPage';
import { AUTH_LOGSIFT_URL } from './servers';

// The second Logsift, which signs people in with built-in users (e2e/logsift.auth.e2e.yaml).
test.use({ baseURL: AUTH_LOGSIFT_URL });

test('signs in with a password, stays signed in on reload, signs out back to the form', async ({
  page,
  context,
}) => {
  const signIn = new SignInPage(page);
  await page.goto('/?q=%7Bapp%3D%22checkout%22%7D');
  await expect(signIn.root).toBeVisible();
  await expect(signIn.username).toBeFocused();
  await page.screenshot({ path: '/tmp/auth-sign-in.png' });

  await signIn.signIn('ana', 'not her password');
  await expect(signIn.error).toHaveText('wrong username or password');
  await expect(signIn.password).toHaveValue('');
  await page.screenshot({ path: '/tmp/auth-wrong-password.png' });
  expect((await context.cookies()).some((c) => c.name === 'logsift_session')).toBe(false);

  await signIn.signIn('ana', 'ana-e2e-password');
  await expect(signIn.userName).toHaveText('ana');
  await expect(signIn.root).toBeHidden();
  // The page asked for before signing in is the one shown after.
  expect(new URL(page.url()).searchParams.get('q')).toBe('{app="checkout"}');
  await expect(page.getByTestId('log-row').first()).toBeVisible();
  await page.screenshot({ path: '/tmp/auth-signed-in.png' });

  const session = (await context.cookies()).find((c) => c.name === 'logsift_session');
  expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/', secure: false });
  expect(await page.evaluate(() => document.cookie)).not.toContain('logsift_session');

  await page.reload();
  await expect(signIn.userName).toHaveText('ana');
  await expect(signIn.root).toBeHidden();

  await signIn.signOut.click();
  await expect(signIn.root).toBeVisible();
  expect((await context.cookies()).some((c) => c.name === 'logsift_session')).toBe(false);
  await page.reload();
  await expect(signIn.root).toBeVisible();
});

test('an API answer of 401 mid-session sends the page back to sign-in, and back after', async ({
  page,
  context,
}) => {
  const signIn = new SignInPage(page);
  await page.goto('/dashboards');
  await signIn.signIn('bob', 'bob-e2e-password');
  await expect(signIn.userName).toHaveText('bob');

  // The session ends under the page (expired, or signed out in another tab).
  await context.clearCookies();
  await page.getByRole('link', { name: 'Saved queries' }).click();
  await expect(signIn.root).toBeVisible();
  expect(new URL(page.url()).pathname).toBe('/queries');

  await signIn.signIn('bob', 'bob-e2e-password');
  await expect(signIn.userName).toHaveText('bob');
  expect(new URL(page.url()).pathname).toBe('/queries');
});

test('the API refuses requests without a session, health answers', async ({ request }) => {
  const api = await request.get('/api/v1/datasources');
  expect(api.status()).toBe(401);
  expect(await api.json()).toMatchObject({ signIn: { mode: 'users' } });
  expect((await request.get('/healthz')).status()).toBe(200);
});
