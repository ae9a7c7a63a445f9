import { chromium } from '@playwright/test';
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
  try {
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${baseUrl}/?ds=local&from=now-1h&to=now`);
      await page.getByTestId('run-query').waitFor();
      const start = Date.now();
      await page.getByTestId('run-query').click();
      await page.getByTestId('log-row').first().waitFor();
      times.push(Date.now() - start);
      await context.close();
    }
  } finally {
    await browser.close();
  }
  times.sort((a, b) => a - b);
  return [
    `ui: Run → first rows on a cold page, p50 ${percentile(times, 50)} ms, worst ${times.at(-1)} ms (${RUNS} runs)`,
  ];
}
