import { test as base, type Page, type Response } from '@playwright/test';
import { E2E_SECRETS } from './servers';

export * from '@playwright/test';

/** Cookies Logsift itself sets (the sign-in session); any other Set-Cookie came from a backend. */
const OWN_COOKIE = /^logsift_/;
/** Bodies are read up to this many at the end of a test; a stream still open is not waited on. */
const SETTLE_MS = 5_000;

interface Leak {
  url: string;
  what: string;
}

/** Every response and WebSocket frame the page receives, checked for credentials and cookies. */
function watchForLeaks(page: Page): { leaks: Leak[]; pending: Promise<void>[] } {
  const leaks: Leak[] = [];
  const pending: Promise<void>[] = [];
  const scan = (url: string, where: string, text: string): void => {
    for (const secret of E2E_SECRETS) {
      if (text.includes(secret)) leaks.push({ url, what: `a configured secret in the ${where}` });
    }
  };
  const check = async (response: Response): Promise<void> => {
    const url = response.url();
    const headers = await response.headersArray().catch(() => []);
    for (const { name, value } of headers) {
      if (name.toLowerCase() === 'set-cookie') {
        for (const cookie of value.split('\n')) {
          if (!OWN_COOKIE.test(cookie.trim())) {
            leaks.push({ url, what: `a Set-Cookie not Logsift's: ${cookie.split('=')[0]}` });
          }
        }
      }
      scan(url, `header ${name}`, value);
    }
    // Redirects and answers the page cancelled have no body to read.
    const body = await response.body().catch(() => undefined);
    if (body) scan(url, 'body', body.toString('utf8'));
  };
  page.on('response', (response) => pending.push(check(response)));
  page.on('websocket', (ws) =>
    ws.on('framereceived', ({ payload }) => scan(ws.url(), 'WebSocket frame', String(payload))),
  );
  return { leaks, pending };
}

/**
 * The suite's `test`: every spec imports it from here, so the credential scan runs on every
 * page of the whole e2e run (RELIABILITY §1.5 41).
 */
export const test = base.extend<{ credentialScan: void }>({
  credentialScan: [
    async ({ page }, use) => {
      const { leaks, pending } = watchForLeaks(page);
      await use();
      await Promise.race([
        Promise.all(pending),
        new Promise((resolve) => setTimeout(resolve, SETTLE_MS)),
      ]);
      if (leaks.length > 0) {
        throw new Error(
          `credentials reached the browser:\n${leaks.map((l) => `${l.url}: ${l.what}`).join('\n')}`,
        );
      }
    },
    { auto: true },
  ],
});
