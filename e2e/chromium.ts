import { existsSync } from 'node:fs';

/**
 * Machines without internet cannot download Playwright's browser: use the system Chromium
 * when there is one, and Playwright's own elsewhere (a developer's laptop).
 */
export function chromiumLaunchOptions(): { executablePath?: string; args: string[] } {
  const systemChromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) =>
    existsSync(p),
  );
  return {
    ...(systemChromium ? { executablePath: systemChromium } : {}),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  };
}
