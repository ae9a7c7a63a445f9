import type { AddressInfo } from 'node:net';
import bcrypt from 'bcryptjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startTestLogsift, type TestLogsift } from '../testing';
import { hashPassword } from './passwords';

const DATASOURCES = [{ id: 'local', kind: 'local', replay: false }];
let running: TestLogsift | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

async function start(auth: unknown, extra: Record<string, unknown> = {}) {
  running = await startTestLogsift({ datasources: DATASOURCES, auth, ...extra });
  return running.app;
}

const cookieOf = (setCookie: string | string[] | undefined): string => {
  const first = Array.isArray(setCookie) ? setCookie[0] : setCookie;
  return (first ?? '').split(';')[0] ?? '';
};

describe('no auth.mode: loopback only', () => {
  it('serves loopback clients as the unrestricted anonymous, refuses others with the fix', async () => {
    const app = await start(undefined);
    const local = await app.inject({ url: '/api/v1/datasources', remoteAddress: '127.0.0.1' });
    expect(local.statusCode).toBe(200);
    const v6 = await app.inject({ url: '/api/v1/auth/me', remoteAddress: '::1' });
    expect(v6.json()).toEqual({
      mode: 'none',
      user: expect.objectContaining({ unrestricted: true }),
    });
    for (const remoteAddress of ['10.0.0.7', '::ffff:192.168.1.9', '2001:db8::1']) {
      const far = await app.inject({ url: '/api/v1/datasources', remoteAddress });
      expect(far.statusCode).toBe(403);
      expect(far.json().error.message).toMatch(/auth\.mode/);
      const me = await app.inject({ url: '/api/v1/auth/me', remoteAddress });
      expect(me.statusCode).toBe(403);
      // Probes from the kubelet come from the node's address: health stays reachable.
      expect((await app.inject({ url: '/healthz', remoteAddress })).statusCode).toBe(200);
      expect((await app.inject({ url: '/readyz', remoteAddress })).statusCode).toBe(200);
    }
  });

  it('refuses a loopback peer that forwards someone else (a local proxy or sidecar)', async () => {
    const app = await start(undefined);
    for (const headers of [
      { 'x-forwarded-for': '203.0.113.9' },
      { forwarded: 'for=203.0.113.9' },
      { 'x-real-ip': '203.0.113.9' },
    ]) {
      const answer = await app.inject({
        url: '/api/v1/datasources',
        remoteAddress: '127.0.0.6',
        headers,
      });
      expect(answer.statusCode).toBe(403);
    }
  });

  it('refuses a loopback request that names another site in Host (DNS rebinding)', async () => {
    const app = await start(undefined);
    const ask = (host: string) =>
      app.inject({ url: '/api/v1/datasources', remoteAddress: '127.0.0.1', headers: { host } });
    for (const host of ['localhost:8080', '127.0.0.1:8080', '[::1]:8080', 'app.localhost']) {
      expect((await ask(host)).statusCode).toBe(200);
    }
    for (const host of ['evil.example:8080', 'evil.example', '127.0.0.1.evil.example']) {
      const rebound = await ask(host);
      expect(rebound.statusCode).toBe(403);
      expect(rebound.json().error.message).toMatch(/opened as localhost/);
    }
  });

  it('mode none opens it to every address', async () => {
    const app = await start({ mode: 'none' });
    const far = await app.inject({ url: '/api/v1/datasources', remoteAddress: '203.0.113.5' });
    expect(far.statusCode).toBe(200);
  });
});

describe('users mode', () => {
  let argonHash: string;
  let bcryptHash: string;
  beforeAll(async () => {
    argonHash = await hashPassword('correct horse');
    bcryptHash = bcrypt.hashSync('battery staple', 4);
  });
  const users = () => ({
    mode: 'users',
    session: { ttlHours: 1 },
    users: [
      { username: 'ana', passwordHash: argonHash, groups: ['team-a'] },
      { username: 'bob', passwordHash: bcryptHash },
    ],
  });
  const login = (app: Awaited<ReturnType<typeof start>>, username: string, password: string) =>
    app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });

  it('counts login attempts per address, not in one budget shared by everyone signed out', async () => {
    const app = await start(users(), {
      server: { limits: { rateLimit: { max: 3, windowMs: 60_000 } } },
    });
    const attempt = (remoteAddress: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress,
        payload: { username: 'ana', password: 'guess' },
      });
    for (let i = 0; i < 3; i++) expect((await attempt('10.0.0.7')).statusCode).toBe(401);
    expect((await attempt('10.0.0.7')).statusCode).toBe(429);
    expect((await attempt('10.0.0.8')).statusCode).toBe(401);
  });

  it('needs sign-in for the API and the tail, but not for health or the auth routes', async () => {
    const app = await start(users());
    const api = await app.inject({ url: '/api/v1/datasources' });
    expect(api.statusCode).toBe(401);
    expect(api.json()).toEqual({
      error: { code: 'unauthorized', message: 'sign in to use Logsift' },
      signIn: { mode: 'users' },
    });
    expect((await app.inject({ url: '/api/v1/auth/me' })).statusCode).toBe(401);
    expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/readyz' })).json()).toEqual({ status: 'ready' });
    expect((await app.inject({ url: '/metrics' })).statusCode).toBe(200);
    const link = await app.inject({ url: '/s/abc' });
    expect(link.statusCode).toBe(302);
    expect(link.headers.location).toBe('/?returnTo=%2Fs%2Fabc');
    await app.listen({ port: 0, host: '127.0.0.1' });
    const port = (app.server.address() as AddressInfo).port;
    const refused = await new Promise<number>((resolve) => {
      const socket = new WebSocket(`ws://127.0.0.1:${port}/api/v1/tail`);
      socket.on('unexpected-response', (req, res) => {
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      socket.on('open', () => resolve(101));
      socket.on('error', () => undefined);
    });
    expect(refused).toBe(401);
  });

  it('signs in with argon2id and bcrypt hashes; the cookie carries groups and flags', async () => {
    const app = await start(users());
    const ana = await login(app, 'ana', 'correct horse');
    expect(ana.statusCode).toBe(200);
    const setCookie = String(ana.headers['set-cookie']);
    expect(setCookie).toMatch(
      /^logsift_session=[\w-]+\.[\w-]+; Path=\/; Max-Age=3600; HttpOnly; SameSite=Lax$/,
    );
    const me = await app.inject({
      url: '/api/v1/auth/me',
      headers: { cookie: cookieOf(ana.headers['set-cookie']) },
    });
    expect(me.json()).toEqual({
      mode: 'users',
      user: { id: 'ana', name: 'ana', groups: ['team-a'], unrestricted: false },
    });
    const api = await app.inject({
      url: '/api/v1/datasources',
      headers: { cookie: cookieOf(ana.headers['set-cookie']) },
    });
    expect(api.statusCode).toBe(200);
    const bob = await login(app, 'bob', 'battery staple');
    expect(bob.json().user).toEqual({ id: 'bob', name: 'bob', groups: [], unrestricted: false });
  });

  it('Secure behind https (a TLS proxy saying so), never on plain http', async () => {
    const app = await start(users());
    const behindTls = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'ana', password: 'correct horse' },
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(String(behindTls.headers['set-cookie'])).toMatch(/; Secure$/);
  });

  it('refuses a wrong password and an unknown user alike, taking as long for both', async () => {
    const app = await start(users());
    const wrong = await login(app, 'ana', 'nope');
    const started = performance.now();
    const unknown = await login(app, 'zed', 'nope');
    const unknownMs = performance.now() - started;
    const started2 = performance.now();
    await login(app, 'ana', 'nope again');
    const wrongMs = performance.now() - started2;
    for (const answer of [wrong, unknown]) {
      expect(answer.statusCode).toBe(401);
      expect(answer.json().error.message).toBe('wrong username or password');
      expect(answer.headers['set-cookie']).toBeUndefined();
    }
    // An unknown name still pays an argon2 verification (tens of ms), not an instant "no".
    expect(unknownMs).toBeGreaterThan(wrongMs / 4);
    expect((await login(app, '', '')).statusCode).toBe(400);
  });

  it('refuses a tampered, expired, foreign-key or removed-user cookie', async () => {
    process.env['LOGSIFT_TEST_SESSION'] = 'one secret';
    let clock = Date.now();
    running = await startTestLogsift(
      {
        datasources: DATASOURCES,
        auth: { ...users(), session: { secretEnv: 'LOGSIFT_TEST_SESSION', ttlHours: 1 } },
      },
      { now: () => clock },
    );
    const app = running.app;
    const cookie = cookieOf((await login(app, 'ana', 'correct horse')).headers['set-cookie']);
    const me = (c: string) => app.inject({ url: '/api/v1/datasources', headers: { cookie: c } });
    expect((await me(cookie)).statusCode).toBe(200);
    const [data = '', mac = ''] = cookie.slice('logsift_session='.length).split('.');
    const forged = Buffer.from(
      JSON.stringify({
        ...JSON.parse(Buffer.from(data, 'base64url').toString()),
        groups: ['admins'],
        id: 'bob',
      }),
    ).toString('base64url');
    expect((await me(`logsift_session=${forged}.${mac}`)).statusCode).toBe(401);
    expect((await me(`logsift_session=${data}.${mac.slice(0, -2)}AA`)).statusCode).toBe(401);
    expect((await me('logsift_session=garbage')).statusCode).toBe(401);
    clock += 3_600_001;
    expect((await me(cookie)).statusCode).toBe(401);
    await running.close();

    // The same secret, but ana is no longer in the config: her cookie signs nobody in.
    clock = Date.now();
    running = await startTestLogsift(
      {
        datasources: DATASOURCES,
        auth: {
          ...users(),
          users: users().users.slice(1),
          session: { secretEnv: 'LOGSIFT_TEST_SESSION', ttlHours: 1 },
        },
      },
      { now: () => clock },
    );
    expect(
      (await running.app.inject({ url: '/api/v1/datasources', headers: { cookie } })).statusCode,
    ).toBe(401);
    await running.close();

    // Another secret (another installation) does not accept this one's cookies.
    process.env['LOGSIFT_TEST_SESSION'] = 'another secret';
    clock = Date.now();
    running = await startTestLogsift(
      {
        datasources: DATASOURCES,
        auth: { ...users(), session: { secretEnv: 'LOGSIFT_TEST_SESSION', ttlHours: 1 } },
      },
      { now: () => clock },
    );
    expect(
      (await running.app.inject({ url: '/api/v1/datasources', headers: { cookie } })).statusCode,
    ).toBe(401);
  });

  it('sign out clears the cookie', async () => {
    const app = await start(users());
    const out = await app.inject({ method: 'POST', url: '/api/v1/auth/logout' });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(
      /^logsift_session=; Path=\/; Max-Age=0; HttpOnly; SameSite=Lax$/,
    );
  });

  it('puts the cookie on the base path', async () => {
    const app = await start(users(), { server: { basePath: '/logs' } });
    const ana = await app.inject({
      method: 'POST',
      url: '/logs/api/v1/auth/login',
      payload: { username: 'ana', password: 'correct horse' },
    });
    expect(String(ana.headers['set-cookie'])).toMatch(/; Path=\/logs;/);
    expect((await app.inject({ url: '/logs/api/v1/datasources' })).statusCode).toBe(401);
  });
});

describe('proxy mode', () => {
  const proxy = {
    mode: 'proxy',
    proxy: { trustedProxies: ['10.0.0.0/8', 'fd00::/8', '192.0.2.10'] },
  };
  const ask = (app: Awaited<ReturnType<typeof start>>, remoteAddress: string, headers = {}) =>
    app.inject({ url: '/api/v1/auth/me', remoteAddress, headers });

  it('believes the header from a trusted peer, IPv4, IPv6 and IPv4-mapped', async () => {
    const app = await start(proxy);
    const headers = { 'x-forwarded-user': 'carol', 'x-forwarded-groups': 'team-a, ops' };
    for (const peer of ['10.1.2.3', '::ffff:10.9.9.9', 'fd00::abcd', '192.0.2.10']) {
      const me = await ask(app, peer, headers);
      expect(me.statusCode, peer).toBe(200);
      expect(me.json().user).toEqual({
        id: 'carol',
        name: 'carol',
        groups: ['team-a', 'ops'],
        unrestricted: false,
      });
    }
    expect((await ask(app, '10.1.2.3')).statusCode).toBe(401);
  });

  it('refuses the header from anywhere else, loopback included', async () => {
    const app = await start(proxy);
    const headers = { 'x-forwarded-user': 'admin' };
    for (const peer of ['192.0.2.11', '11.0.0.1', '::ffff:192.168.0.1', 'fe80::1', '127.0.0.1']) {
      const api = await app.inject({ url: '/api/v1/datasources', remoteAddress: peer, headers });
      expect(api.statusCode, peer).toBe(403);
      expect(api.json().error.message).toMatch(/not in auth\.proxy\.trustedProxies/);
    }
  });

  it('refuses a config without trusted proxies', async () => {
    await expect(start({ mode: 'proxy', proxy: { trustedProxies: [] } })).rejects.toThrow();
    await expect(
      start({ mode: 'proxy', proxy: { trustedProxies: ['10.0.0.0/33'] } }),
    ).rejects.toThrow(/not an address or CIDR/);
  });
});
