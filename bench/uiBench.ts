import { gzipSync } from 'node:zlib';
import { chromium, type Response } from '@playwright/test';
import { chromiumLaunchOptions } from '../e2e/chromium';
import { percentile } from './stats';

const RUNS = 5;

/**
 * Time from clicking Run on a cold page (new browser context, empty cache) to the first
 * log row on screen, against a running server at `baseUrl`.
 */
export async function benchFirstRows(baseUrl: string): Promise<string[]> {
  const browser = await chromium.launch(chromiumLaunchOptions());
  const times: number[] = [];
  const scripts: Response[] = [];
  let loaded = { files: 0, gzipBytes: 0 };
  try {
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      page.on('response', (response) => {
        if (response.request().resourceType() === 'script') scripts.push(response);
      });
      await page.goto(`${baseUrl}/?ds=local&from=now-1h&to=now`);
      await page.getByTestId('run-query').waitFor();
      const start = Date.now();
      await page.getByTestId('run-query').click();
      await page.getByTestId('log-row').first().waitFor();
      times.push(Date.now() - start);
      if (i === 0) loaded = await gzipped(scripts);
      await context.close();
    }
  } finally {
    await browser.close();
  }
  times.sort((a, b) => a - b);
  return [
    `ui: Run → first rows on a cold page, p50 ${percentile(times, 50)} ms, worst ${times.at(-1)} ms (${RUNS} runs)`,
    `ui: JS Explore loaded up to its first rows (entry and lazy chunks), ${(loaded.gzipBytes / 1024).toFixed(1)} KB gzip (${loaded.files} files)`,
  ];
}

/** What the scripts weigh gzipped, as a server or CDN compressing them would send them. */
async function gzipped(responses: Response[]): Promise<{ files: number; gzipBytes: number }> {
  let gzipBytes = 0;
  for (const response of responses) gzipBytes += gzipSync(await response.body()).length;
  return { files: responses.length, gzipBytes };
}
