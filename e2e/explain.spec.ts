import { expect, test, type Response } from './fixtures';
import { ExplorePage } from './pages/ExplorePage';

function explainOf(query: string): (response: Response) => boolean {
  return (response) =>
    response.url().endsWith('/api/v1/explain') &&
    (response.request().postDataJSON() as { query?: string }).query === query;
}

test('Inspect shows the request of the query that ran and copies it as curl', async ({
  page,
  context,
}, testInfo) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const explore = new ExplorePage(page);
  await explore.open('?ds=local&from=now-1h&to=now');
  const query = '{namespace="shop"} |= "GET /api" != "$HOME"';
  await explore.run(query);
  expect(await explore.count()).toBeGreaterThanOrEqual(0);

  const explained = page.waitForResponse(explainOf(query));
  await explore.inspect();
  const answer = (await (await explained).json()) as {
    requests: { method: string; url: string; params: Record<string, string> }[];
  };
  expect(answer.requests).toHaveLength(1);
  const request = explore.inspector.getByTestId('explain-request');
  await expect(request).toHaveCount(1);
  await expect(request.locator('header')).toContainText(answer.requests[0]?.method ?? '?');
  await expect(request.locator('header')).toContainText(answer.requests[0]?.url ?? '?');
  await expect(request.getByRole('row', { name: 'query' })).toContainText(query);
  await expect(request.getByRole('row', { name: 'limit' })).toContainText('1000');

  await request.getByRole('button', { name: 'Copy as curl' }).click();
  await expect(request.getByRole('button', { name: 'Copied' })).toBeVisible();
  const curl = await page.evaluate(() => navigator.clipboard.readText());
  expect(curl).toMatch(/^curl \\\n/);
  expect(curl).toContain(`'query=${query}'`);
  await page.screenshot({ path: testInfo.outputPath('explain.png') });

  await page.keyboard.press('Escape');
  await expect(explore.inspector).toBeHidden();
  await expect(explore.inspectToggle).toHaveAttribute('aria-expanded', 'false');
});

test('an explain error shows in the panel; the editor keeps its own mark', async ({
  page,
}, testInfo) => {
  const explore = new ExplorePage(page);
  await explore.open('?ds=local&from=now-1h&to=now');
  const query = '{job="nginx"} |= "x" | jsn';
  await explore.run(query);
  await expect(explore.editor.locator('.cm-error-mark').first()).toHaveText('jsn');

  const explained = page.waitForResponse(explainOf(query));
  await explore.inspect();
  const response = await explained;
  expect(response.status()).toBe(400);
  const { error } = (await response.json()) as { error: { message: string } };
  await expect(explore.inspector.getByRole('alert')).toContainText(error.message);
  await expect(explore.editor.locator('.cm-error-mark').first()).toHaveText('jsn');
  await expect(explore.error).toContainText(error.message);
  await page.screenshot({ path: testInfo.outputPath('explain-error.png') });

  await explore.inspectToggle.click();
  await expect(explore.inspector).toBeHidden();
});
