import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestLogsift, type TestLogsift } from '../testing';
import { safeReturnTo } from './oidc';
import { startTestProvider, type TestProvider } from './testing/oidcProvider';

const CLIENT = { clientId: 'logsift', clientSecret: 'logsift-test-client-secret' };
process.env['LOGSIFT_TEST_OIDC_SECRET'] = CLIENT.clientSecret;

let provider: TestProvider | undefined;
let logsift: TestLogsift | undefined;
afterEach(async () => {
  await logsift?.close();
  await provider?.close();
  logsift = undefined;
  provider = undefined;
});

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

async function startLogsift(issuer: string, port: number, now?: () => number) {
  logsift = await startTestLogsift(
    {
      datasources: [{ id: 'local', kind: 'local', replay: false }],
      auth: {
        mode: 'oidc',
        oidc: {
          issuer,
          clientId: CLIENT.clientId,
          clientSecretEnv: 'LOGSIFT_TEST_OIDC_SECRET',
          publicUrl: `http://127.0.0.1:${port}/`,
          scopes: ['openid', 'profile', 'groups'],
          groupsClaim: 'groups',
          providerName: 'Test IdP',
        },
      },
    },
    now ? { now } : {},
  );
  await logsift.app.listen({ port, host: '127.0.0.1' });
  return `http://127.0.0.1:${port}`;
}

/** A browser's part of the round trip: cookies per host, redirects followed by hand. */
function browser() {
  const jars = new Map<string, Map<string, string>>();
  const visited: URL[] = [];
  const request = async (url: URL, init: RequestInit = {}) => {
    const jar = jars.get(url.host) ?? new Map<string, string>();
    jars.set(url.host, jar);
    const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(cookie ? { cookie } : {}), ...(init.headers as Record<string, string>) },
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      const value = pair.slice(at + 1);
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(line) || value === '')
        jar.delete(pair.slice(0, at));
      else jar.set(pair.slice(0, at), value);
    }
    return response;
  };
  /** Follows redirects, and submits the provider's dev sign-in and consent forms on the way. */
  const go = async (start: string, login: string): Promise<{ url: URL; response: Response }> => {
    let url = new URL(start);
    let init: RequestInit = {};
    for (let step = 0; step < 20; step++) {
      visited.push(url);
      const response = await request(url, init);
      init = {};
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        url = new URL(location, url);
        continue;
      }
      const html = response.headers.get('content-type')?.includes('text/html')
        ? await response.text()
        : '';
      const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
      if (!prompt && /<form[^>]*method="post"/.test(html)) {
        // The provider's sign-out pages ("Do you want to sign-out?", then a self-submitting
        // form): their hidden fields posted, answered yes.
        const form = /<form[^>]*action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/.exec(html);
        const fields = new URLSearchParams({ logout: 'yes' });
        for (const [, name = '', value = ''] of (form?.[2] ?? '').matchAll(
          /<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g,
        )) {
          fields.set(name, value);
        }
        url = new URL(form?.[1] ?? url.pathname, url);
        init = {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: fields.toString(),
        };
        continue;
      }
      if (!prompt) return { url, response };
      const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1] ?? url.pathname;
      url = new URL(action, url);
      init = {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ prompt, login, password: 'any' }).toString(),
      };
    }
    throw new Error(`no end to the redirects: ${visited.join(' → ')}`);
  };
  return { request, go, visited };
}

describe('OpenID Connect against a real provider', () => {
  it(
    'signs in by code + PKCE, knows the person by sub, takes groups from the claim',
    { timeout: 30_000 },
    async () => {
      const port = await freePort();
      provider = await startTestProvider({
        ...CLIENT,
        redirectUris: [`http://127.0.0.1:${port}/auth/oidc/callback`],
        postLogoutRedirectUris: [`http://127.0.0.1:${port}/`],
        accounts: { 'user-4711': { name: 'Ana Lima', groups: ['team-a', 'ops'] } },
      });
      const base = await startLogsift(provider.issuer, port);
      const b = browser();

      const before = await b.request(new URL(`${base}/api/v1/auth/me`));
      expect(before.status).toBe(401);
      expect(await before.json()).toMatchObject({
        signIn: {
          mode: 'oidc',
          signInPath: '/auth/oidc/login',
          provider: { name: 'Test IdP', reachable: true },
        },
      });

      const { url } = await b.go(
        `${base}/auth/oidc/login?returnTo=${encodeURIComponent('/?q=%7Bapp%3D%22x%22%7D')}`,
        'user-4711',
      );
      expect(url.href).toBe(`${base}/?q=%7Bapp%3D%22x%22%7D`);
      const authorize = b.visited.find(
        (u) => u.pathname === '/auth' && u.host === new URL(provider!.issuer).host,
      );
      expect(authorize?.searchParams.get('code_challenge_method')).toBe('S256');
      expect(authorize?.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
      expect(authorize?.searchParams.get('state')).toBeTruthy();
      expect(authorize?.searchParams.get('nonce')).toBeTruthy();
      expect(authorize?.searchParams.get('redirect_uri')).toBe(`${base}/auth/oidc/callback`);

      const me = await b.request(new URL(`${base}/api/v1/auth/me`));
      expect(me.status).toBe(200);
      expect(await me.json()).toEqual({
        mode: 'oidc',
        user: { id: 'user-4711', name: 'Ana Lima', groups: ['team-a', 'ops'], unrestricted: false },
      });
      expect((await b.request(new URL(`${base}/api/v1/datasources`))).status).toBe(200);
      expect((await b.request(new URL(`${base}/readyz`))).status).toBe(200);
      expect(await (await b.request(new URL(`${base}/readyz`))).json()).toEqual({
        status: 'ready',
      });

      // Sign out ends the provider's session too: the answer sends the browser to its end-session page.
      const out = await b.request(new URL(`${base}/api/v1/auth/logout`), { method: 'POST' });
      const { redirect } = (await out.json()) as { redirect: string };
      const endSession = new URL(redirect);
      expect(endSession.origin).toBe(provider.issuer);
      expect(endSession.searchParams.get('client_id')).toBe(CLIENT.clientId);
      expect(endSession.searchParams.get('post_logout_redirect_uri')).toBe(`${base}/`);
      expect((await b.request(new URL(`${base}/api/v1/auth/me`))).status).toBe(401);
      const { url: after } = await b.go(redirect, 'user-4711');
      expect(after.href).toBe(`${base}/`);

      // The round trip's cookie is spent: replaying the callback signs nobody in.
      const callback = b.visited.find((u) => u.pathname === '/auth/oidc/callback');
      const replay = await fetch(callback!, { redirect: 'manual' });
      expect(replay.headers.get('location')).toMatch(/^\/\?signInError=/);
      expect(replay.headers.getSetCookie().some((c) => c.startsWith('logsift_session=ey'))).toBe(
        false,
      );
    },
  );

  it('refuses a callback whose state is not the one sent', { timeout: 30_000 }, async () => {
    const port = await freePort();
    provider = await startTestProvider({
      ...CLIENT,
      redirectUris: [`http://127.0.0.1:${port}/auth/oidc/callback`],
      accounts: { mallory: { name: 'M', groups: [] } },
    });
    const base = await startLogsift(provider.issuer, port);
    const b = browser();
    const login = await b.request(new URL(`${base}/auth/oidc/login`));
    const authorize = new URL(login.headers.get('location')!);
    authorize.searchParams.set('state', 'forged-state');
    const { url } = await b.go(authorize.href, 'mallory');
    expect(url.pathname).toBe('/');
    expect(url.searchParams.get('signInError')).toMatch(/state/);
    expect((await b.request(new URL(`${base}/api/v1/auth/me`))).status).toBe(401);
  });

  it(
    'starts while the provider is down, says so in /readyz and on sign-in, recovers, and notices it going down again',
    { timeout: 30_000 },
    async () => {
      const providerPort = await freePort();
      const port = await freePort();
      let clock = Date.now();
      const base = await startLogsift(`http://127.0.0.1:${providerPort}`, port, () => clock);

      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      const ready = await fetch(`${base}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({
        status: 'degraded',
        unavailable: ['auth'],
        auth: {
          issuer: `http://127.0.0.1:${providerPort}`,
          problem: expect.stringMatching(/fetch failed|ECONNREFUSED/),
        },
      });
      const me = await (await fetch(`${base}/api/v1/auth/me`)).json();
      expect(me.signIn.provider).toMatchObject({ reachable: false, problem: expect.any(String) });
      const login = await fetch(`${base}/auth/oidc/login`, { redirect: 'manual' });
      expect(login.status).toBe(302);
      expect(decodeURIComponent(login.headers.get('location')!)).toContain(
        `the sign-in provider http://127.0.0.1:${providerPort} cannot be reached`,
      );

      provider = await startTestProvider({
        ...CLIENT,
        port: providerPort,
        redirectUris: [`${base}/auth/oidc/callback`],
        accounts: { 'user-1': { name: 'One', groups: [] } },
      });
      clock += 10_000;
      expect(await (await fetch(`${base}/readyz`)).json()).toEqual({ status: 'ready' });
      const { url } = await browser().go(`${base}/auth/oidc/login`, 'user-1');
      expect(url.href).toBe(`${base}/`);

      await provider.close();
      provider = undefined;
      clock += 10_000;
      expect(await (await fetch(`${base}/readyz`)).json()).toMatchObject({
        status: 'degraded',
        unavailable: ['auth'],
      });
    },
  );
});

describe('safeReturnTo', () => {
  it('keeps paths of this Logsift, sends anything else home', () => {
    expect(safeReturnTo('/logs/?q=1', '/logs')).toBe('/logs/?q=1');
    for (const bad of ['https://evil.example/', '//evil.example/', '/\\evil.example', 7]) {
      expect(safeReturnTo(bad, '')).toBe('/');
    }
    expect(safeReturnTo('/', '/logs')).toBe('/logs/');
    expect(safeReturnTo('/other/', '/logs')).toBe('/logs/');
  });
});
