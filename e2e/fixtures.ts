import {
  test as base,
  type APIRequestContext,
  type APIResponse,
  type Page,
  type Response,
} from '@playwright/test';
import { E2E_SECRETS, OIDC_PROVIDER_PORT } from './servers';

export * from '@playwright/test';

/** Cookies Logsift itself sets (the sign-in session); any other Set-Cookie came from a backend. */
const OWN_COOKIE = /^logsift_/;
/**
 * The OpenID provider's pages are its own, not Logsift's: its session cookies are how a real
 * provider works, so only its answers skip the cookie rule (secrets are still looked for).
 */
const PROVIDER_ORIGIN = `http://127.0.0.1:${OIDC_PROVIDER_PORT}`;
/** Bodies are read up to this long at the end of a test; a stream still open is not waited on. */
const SETTLE_MS = 5_000;
const SENDS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'fetch']);

class LeakLog {
  readonly leaks: string[] = [];
  readonly pending: Promise<void>[] = [];

  scan(url: string, where: string, text: string): void {
    for (const secret of E2E_SECRETS) {
      if (text.includes(secret)) this.leaks.push(`${url}: a configured secret in the ${where}`);
    }
  }

  /** Headers and body of one answer, from the page or from a spec's own API calls. */
  async check(response: Response | APIResponse): Promise<void> {
    const url = response.url();
    const headers = await Promise.resolve(response.headersArray()).catch(() => []);
    for (const { name, value } of headers) {
      if (name.toLowerCase() === 'set-cookie' && !url.startsWith(`${PROVIDER_ORIGIN}/`)) {
        for (const cookie of value.split('\n')) {
          if (!OWN_COOKIE.test(cookie.trim())) {
            this.leaks.push(`${url}: a Set-Cookie not Logsift's: ${cookie.split('=')[0]}`);
          }
        }
      }
      this.scan(url, `header ${name}`, value);
    }
    // Redirects and answers the page cancelled have no body to read.
    const body = await response.body().catch(() => undefined);
    if (body) this.scan(url, 'body', body.toString('utf8'));
  }

  watch(page: Page): void {
    page.on('response', (response) => this.pending.push(this.check(response)));
    page.on('websocket', (ws) =>
      ws.on('framereceived', ({ payload }) =>
        this.scan(ws.url(), 'WebSocket frame', String(payload)),
      ),
    );
  }

  /** The spec's `request`, with every answer it gets checked too. */
  wrap(request: APIRequestContext): APIRequestContext {
    return new Proxy(request, {
      get: (target, prop, receiver) => {
        const value: unknown = Reflect.get(target, prop, receiver);
        if (typeof value !== 'function') return value;
        const method = (value as (...args: unknown[]) => unknown).bind(target);
        if (!SENDS.has(String(prop))) return method;
        return async (...args: unknown[]) => {
          const response = (await method(...args)) as APIResponse;
          await this.check(response);
          return response;
        };
      },
    });
  }

  async verdict(): Promise<void> {
    await Promise.race([
      Promise.all(this.pending),
      new Promise((resolve) => setTimeout(resolve, SETTLE_MS)),
    ]);
    if (this.leaks.length > 0) {
      throw new Error(`credentials reached the browser:\n${this.leaks.join('\n')}`);
    }
  }
}

/**
 * The suite's `test`: every spec imports it from here, so the credential scan runs on every
 * page and API call of the whole e2e run (RELIABILITY §1.5 41).
 */
export const test = base.extend<{ leakLog: LeakLog }>({
  leakLog: [
    async ({ page }, use) => {
      const log = new LeakLog();
      log.watch(page);
      await use(log);
      await log.verdict();
    },
    { auto: true },
  ],
  request: async ({ request, leakLog }, use) => {
    await use(leakLog.wrap(request));
  },
});
