import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures';
import { startTestProvider, type TestProvider } from '../server/auth/testing/oidcProvider';
import { serverNodeArgs } from '../server/nodeFlags';
import { SignInPage } from './pages/SignInPage';
import { AUTH_LOGSIFT_URL, OIDC_PROVIDER_PORT } from './servers';

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

test('a short link opened while signed out goes through sign-in to its page', async ({
  page,
  context,
}) => {
  const signIn = new SignInPage(page);
  await page.goto('/');
  await signIn.signIn('ana', 'ana-e2e-password');
  await expect(signIn.userName).toHaveText('ana');
  const created = await page.request.post('/api/v1/links', {
    data: { url: '/?q=%7Bapp%3D%22cart%22%7D' },
  });
  expect(created.status()).toBe(201);
  const { path } = (await created.json()) as { path: string };
  await context.clearCookies();

  await page.goto(path);
  await expect(signIn.root).toBeVisible();
  await signIn.signIn('ana', 'ana-e2e-password');
  await expect(signIn.userName).toHaveText('ana');
  await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('{app="cart"}');
});

for (const scheme of ['dark', 'light'] as const) {
  test(`the sign-in page has no serious accessibility violation (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto('/');
    const signIn = new SignInPage(page);
    await signIn.signIn('ana', 'wrong');
    await expect(signIn.error).toBeVisible();
    await page.screenshot({ path: `/tmp/auth-sign-in-${scheme}.png` });
    const result = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21aa'])
      .analyze();
    const serious = result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
    expect(serious).toEqual([]);
  });
}

test('the API refuses requests without a session, health answers', async ({ request }) => {
  const api = await request.get('/api/v1/datasources');
  expect(api.status()).toBe(401);
  expect(await api.json()).toMatchObject({ signIn: { mode: 'users' } });
  expect((await request.get('/healthz')).status()).toBe(200);
});

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

/** A Logsift signing in through OpenID Connect, in its own process as in production. */
async function startOidcLogsift(
  issuer: string,
  port: number,
): Promise<{ url: string; child: ChildProcess }> {
  const dir = mkdtempSync(join(tmpdir(), 'logsift-e2e-oidc-'));
  const config = join(dir, 'logsift.yaml');
  const url = `http://127.0.0.1:${port}`;
  writeFileSync(
    config,
    [
      'datasources: [{ id: local, name: Local samples, kind: local }]',
      'auth:',
      '  mode: oidc',
      '  oidc:',
      `    issuer: ${issuer}`,
      '    clientId: logsift-e2e',
      '    clientSecretEnv: LOGSIFT_E2E_OIDC_SECRET',
      `    publicUrl: ${url}/`,
      '    scopes: [openid, profile, groups]',
      '    providerName: Test IdP',
      '',
    ].join('\n'),
  );
  const child = spawn(process.execPath, serverNodeArgs(), {
    env: {
      ...process.env,
      LOGSIFT_CONFIG: config,
      LOGSIFT_DATA_DIR: dir,
      LOGSIFT_OPEN: '0',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOGSIFT_E2E_OIDC_SECRET: 'logsift-e2e-oidc-secret',
    },
    stdio: 'ignore',
  });
  for (let i = 0; i < 120; i++) {
    const up = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return { url, child };
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill();
  throw new Error('the OIDC Logsift did not start');
}

test.describe('OpenID Connect', () => {
  test.describe.configure({ timeout: 90_000 });
  let provider: TestProvider | undefined;
  let logsift: ChildProcess | undefined;
  test.afterEach(async () => {
    logsift?.kill();
    await provider?.close();
    logsift = undefined;
    provider = undefined;
  });

  test('signs in through the provider and comes back to the page asked for', async ({
    page,
    context,
  }) => {
    const port = await freePort();
    provider = await startTestProvider({
      port: OIDC_PROVIDER_PORT,
      clientId: 'logsift-e2e',
      clientSecret: 'logsift-e2e-oidc-secret',
      redirectUris: [`http://127.0.0.1:${port}/auth/oidc/callback`],
      postLogoutRedirectUris: [`http://127.0.0.1:${port}/`],
      accounts: { 'sub-e2e-1': { name: 'Dana Ops', groups: ['ops'] } },
    });
    const started = await startOidcLogsift(provider.issuer, port);
    logsift = started.child;
    const signIn = new SignInPage(page);
    await page.goto(`${started.url}/queries`);
    const button = page.getByTestId('sign-in-provider');
    await expect(button).toHaveText('Sign in with Test IdP');
    await page.screenshot({ path: '/tmp/auth-oidc-sign-in.png' });
    await button.click();
    // oidc-provider's development pages: any login is accepted and becomes the sub.
    await page.locator('input[name="login"]').fill('sub-e2e-1');
    await page.locator('input[name="password"]').fill('any');
    await page.locator('button[type="submit"]').click();
    await page.locator('button[type="submit"]').click();
    await expect(signIn.userName).toHaveText('Dana Ops');
    expect(new URL(page.url()).pathname).toBe('/queries');
    const session = (await context.cookies()).find((c) => c.name === 'logsift_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    const me = await page.request.get(`${started.url}/api/v1/auth/me`);
    expect((await me.json()).user).toEqual({
      id: 'sub-e2e-1',
      name: 'Dana Ops',
      groups: ['ops'],
      unrestricted: false,
    });

    // Sign out ends the provider's session too, then comes back to the sign-in page.
    await signIn.signOut.click();
    await page.getByRole('button', { name: 'Yes, sign me out' }).click();
    await expect(signIn.root).toBeVisible();
    await page.getByTestId('sign-in-provider').click();
    await expect(page.locator('input[name="login"]')).toBeVisible();
  });

  test('says the provider cannot be reached instead of spinning', async ({ page }) => {
    const started = await startOidcLogsift(
      `http://127.0.0.1:${await freePort()}`,
      await freePort(),
    );
    logsift = started.child;
    const signIn = new SignInPage(page);
    await page.goto(`${started.url}/`);
    await expect(signIn.error).toContainText('Test IdP cannot be reached');
    await expect(page.getByTestId('sign-in-provider')).toHaveCount(0);
    await page.screenshot({ path: '/tmp/auth-oidc-down.png' });
    const ready = await page.request.get(`${started.url}/readyz`);
    expect(await ready.json()).toMatchObject({ status: 'degraded', unavailable: ['auth'] });
  });
});
