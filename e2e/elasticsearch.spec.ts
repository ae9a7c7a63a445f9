import { expect, test, type Page, type Response } from './fixtures';
import { ExplorePage } from './pages/ExplorePage';
import { queryAnswer } from './queryAnswer';

/** Explore on the `es` datasource, which points at the Elasticsearch simulator started for e2e. */

interface Sent {
  datasource?: string;
  language?: string;
  query?: string;
}

/** The answer to a query the test ran on `es`, in the given language. */
function answered(page: Page, language: string, query?: string): Promise<Response> {
  return page.waitForResponse((r) => {
    if (!r.url().endsWith('/api/v1/query') || r.request().method() !== 'POST') return false;
    const sent = r.request().postDataJSON() as Sent;
    return (
      sent.datasource === 'es' &&
      sent.language === language &&
      (query === undefined || sent.query === query)
    );
  });
}

type Records = { records: { line: string; labels: Record<string, string> }[] };

test('KQL on Elasticsearch: completion, rows and histogram, facet click, error, then Lucene', async ({
  page,
}, testInfo) => {
  const explore = new ExplorePage(page);
  await explore.open('?ds=local&from=now-1h&to=now');
  await explore.pickDatasource('es', /^KQL.*Lucene/);
  await explore.pickLanguage('KQL');

  // A field from the datasource, then its values at once, as Kibana's query bar offers them.
  await explore.clearQuery();
  await page.keyboard.type('lev');
  await explore.complete('level');
  await expect.poll(() => explore.queryText()).toBe('level:');
  await expect(explore.completions.first()).toBeVisible();
  await page.keyboard.type('err');
  await page.screenshot({ path: testInfo.outputPath('es-kql-complete.png') });
  await explore.complete('error');
  await expect.poll(() => explore.queryText()).toBe('level:"error"');

  const first = answered(page, 'kql', 'level:"error"');
  await page.keyboard.press('Shift+Enter');
  const body = (await (await first).json()) as Records;
  expect(body.records.length).toBeGreaterThan(0);
  expect(await explore.count()).toBe(body.records.length);
  await expect(explore.rows.first()).toBeVisible();
  await expect(explore.histogram.locator('canvas').first()).toBeVisible();
  await expect(page).toHaveURL(/lang=kql/);
  await page.screenshot({ path: testInfo.outputPath('es-kql-results.png'), fullPage: true });

  const namespace = await explore.openField('namespace');
  const value = namespace.getByTestId('facet-value').first();
  const label = (await value.locator('.facet-label').textContent()) ?? '';
  const filtered = answered(page, 'kql', `level:"error" and namespace:"${label}"`);
  await value.click();
  const narrowed = (await queryAnswer(await filtered)) as Records;
  expect(narrowed.records.length).toBeGreaterThan(0);
  for (const record of narrowed.records) expect(record.labels['namespace']).toBe(label);
  expect(await explore.queryText()).toBe(`level:"error" and namespace:"${label}"`);
  await page.screenshot({ path: testInfo.outputPath('es-kql-facet.png'), fullPage: true });

  const bad = 'level:error and )';
  const refused = answered(page, 'kql', bad);
  await explore.run(bad);
  const response = await refused;
  expect(response.status()).toBe(400);
  await expect(explore.error).toContainText('Expected');
  await expect(explore.editor.locator('.cm-error-mark')).toHaveText(')');
  await page.screenshot({ path: testInfo.outputPath('es-kql-error.png'), fullPage: true });

  await explore.pickLanguage('Lucene');
  const lucene = answered(page, 'lucene', 'level:error AND timeout');
  await explore.run('level:error AND timeout');
  const luceneBody = (await (await lucene).json()) as Records;
  expect(luceneBody.records.length).toBeGreaterThan(0);
  await expect(explore.error).toBeHidden();
  await expect(explore.rows.first().locator('mark').first()).toHaveText(/timeout/i);
  await expect(page).toHaveURL(/lang=lucene/);
  await page.screenshot({ path: testInfo.outputPath('es-lucene.png'), fullPage: true });
});

test('Translate writes a LogQL query as KQL and Use runs it on Elasticsearch', async ({
  page,
}, testInfo) => {
  const explore = new ExplorePage(page);
  await explore.open('?ds=local&from=now-1h&to=now');
  await explore.setQuery('{namespace="payments"} |= "timeout"');
  await explore.translateToggle.click();
  const kql = explore.translations.filter({ hasText: 'KQL' });
  await expect(kql).toContainText('namespace:"payments"');
  await expect(explore.translations.filter({ hasText: 'Lucene' })).toContainText('not supported');
  await page.screenshot({ path: testInfo.outputPath('es-translate.png') });

  const text = (await kql.locator('code').textContent()) ?? '';
  await kql.getByRole('button', { name: 'Use' }).click();
  await expect(explore.datasourcePicker).toHaveValue('es');
  expect(await explore.queryText()).toBe(text);
  const ran = answered(page, 'kql', text);
  await explore.run();
  expect((await ran).status()).toBe(200);
});

test('the Index picker narrows the search to one index, and the URL keeps it', async ({
  page,
}, testInfo) => {
  const explore = new ExplorePage(page);
  await explore.open('?ds=es&lang=kql&from=now-7d&to=now');
  const picker = page.getByTestId('target-picker');
  await expect(picker.locator('option')).not.toHaveCount(1);
  const options = await picker
    .locator('option')
    .evaluateAll((els) => els.map((e) => (e as HTMLOptionElement).value).filter((v) => v !== ''));
  const index = options.find((o) => o.startsWith('fluentd-'));
  expect(index).toBeDefined();

  const narrowed = page.waitForResponse(
    (r) =>
      r.url().endsWith('/api/v1/query') &&
      (r.request().postDataJSON() as { target?: string }).target === index,
  );
  await picker.selectOption(index ?? '');
  const response = await narrowed;
  expect(response.status()).toBe(200);
  const body = (await response.json()) as { records: { id: string }[] };
  expect(body.records.length).toBeGreaterThan(0);
  // Elasticsearch record ids are `<index>/<_id>`: every row came from the picked index.
  expect(body.records.every((r) => r.id.startsWith(`${index}/`))).toBe(true);
  await expect(page).toHaveURL(new RegExp(`[?&]t=${index?.replace(/\./g, '\\.')}`));
  await page.screenshot({ path: testInfo.outputPath('es-index-picker.png'), fullPage: true });

  await page.reload();
  await expect(page.getByTestId('target-picker')).toHaveValue(index ?? '');
});
