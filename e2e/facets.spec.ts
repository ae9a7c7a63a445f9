import { expect, test, type Page, type Response } from './fixtures';
import { ExplorePage } from './pages/ExplorePage';
import { queryAnswer } from './queryAnswer';

const MINUTE = 60_000;

/** A fixed window that ends before the server started replaying, so answers are stable. */
function stableRange(): { from: number; to: number } {
  const to = Date.now() - 2 * MINUTE;
  return { from: to - 6 * 60 * MINUTE, to };
}

interface Sent {
  datasource?: string;
  query?: string;
  fields?: string[];
  size?: number;
}

/** The answer to this test's own query on a datasource, not to the page's opening one. */
function answerTo(page: Page, path: string, match: (sent: Sent) => boolean): Promise<Response> {
  return page.waitForResponse((r) => {
    if (!r.url().endsWith(path) || r.request().method() !== 'POST') return false;
    return match(r.request().postDataJSON() as Sent);
  });
}

type Records = {
  records: { labels: Record<string, string> }[];
  stats: { total?: number };
};

test('the field list: search, include and exclude a value, more values', async ({
  page,
}, testInfo) => {
  const explore = new ExplorePage(page);
  const { from, to } = stableRange();
  await explore.open(`?ds=local&from=${from}&to=${to}`);
  const first = answerTo(page, '/api/v1/query', (s) => s.query === '{job=~".+"}');
  await explore.run('{job=~".+"}');
  await first;
  await expect.poll(async () => (await explore.fieldNames()).length).toBeGreaterThan(3);
  const all = await explore.fieldNames();

  await explore.searchFields('NAME');
  await expect.poll(() => explore.fieldNames()).not.toEqual(all);
  const found = await explore.fieldNames();
  expect(found.length).toBeGreaterThan(0);
  expect(found.length).toBeLessThan(all.length);
  for (const name of found) expect(name.toLowerCase()).toContain('name');
  await page.screenshot({ path: testInfo.outputPath('facets-search.png') });
  await page.screenshot({ path: '/tmp/facets-search.png' });
  await explore.searchFields('');

  // More values: the pods of six hours are more than the ten counted at first.
  const pods = await explore.openField('pod');
  await expect(pods.getByTestId('facet-value')).toHaveCount(10);
  const more = answerTo(page, '/api/v1/facets', (s) => s.size === 50);
  await pods.getByTestId('facet-more').click();
  await more;
  await expect.poll(() => pods.getByTestId('facet-value').count()).toBeGreaterThan(10);
  await page.screenshot({ path: '/tmp/facets-more.png' });

  const namespaces = await explore.openField('namespace');
  const [top] = await explore.fieldValues('namespace');
  if (!top) throw new Error('no namespace value');
  const included = answerTo(page, '/api/v1/query', (s) => (s.query ?? '').includes('namespace="'));
  await namespaces.getByRole('button', { name: `Filter for namespace = ${top.value}` }).click();
  const narrowed = (await queryAnswer(await included)) as Records;
  expect(await explore.queryText()).toContain(`namespace="${top.value}"`);
  expect(narrowed.records.length).toBeGreaterThan(0);
  for (const r of narrowed.records) expect(r.labels.namespace).toBe(top.value);

  const apps = await explore.openField('app');
  const [app] = await explore.fieldValues('app');
  if (!app) throw new Error('no app value');
  const excluded = answerTo(page, '/api/v1/query', (s) => (s.query ?? '').includes('app!="'));
  await apps.getByRole('button', { name: `Filter out app = ${app.value}` }).click();
  const without = (await queryAnswer(await excluded)) as Records;
  const text = await explore.queryText();
  expect(text).toContain(`namespace="${top.value}"`);
  expect(text).toContain(`app!="${app.value}"`);
  expect(without.records.length).toBeGreaterThan(0);
  for (const r of without.records) expect(r.labels.app).not.toBe(app.value);
  await page.screenshot({ path: testInfo.outputPath('facets-filtered.png') });
  await page.screenshot({ path: '/tmp/facets-filtered.png' });
});

test('Elasticsearch counts every matching document: the values and the rest make the total', async ({
  page,
}, testInfo) => {
  const explore = new ExplorePage(page);
  const { to } = stableRange();
  await explore.open(`?ds=local&from=${to - 60 * MINUTE}&to=${to}`);
  await explore.pickDatasource('es', /^KQL.*Lucene/);
  await explore.pickLanguage('KQL');
  const query = 'not level:debug';
  const answered = answerTo(
    page,
    '/api/v1/query',
    (s) => s.datasource === 'es' && s.query === query,
  );
  const counted = answerTo(
    page,
    '/api/v1/facets',
    (s) => s.datasource === 'es' && s.query === query && !s.fields,
  );
  await explore.run(query);
  const total = ((await (await answered).json()) as Records).stats.total ?? 0;
  expect(total).toBeGreaterThan(0);
  const { facets } = (await (await counted).json()) as {
    facets: { field: string; values: { count: number }[]; other: number; sampled: boolean }[];
  };
  const namespace = facets.find((f) => f.field === 'namespace');
  expect(namespace?.sampled).toBe(false);
  expect((namespace?.values ?? []).reduce((n, v) => n + v.count, 0) + (namespace?.other ?? 0)).toBe(
    total,
  );

  const field = await explore.openField('namespace');
  const shown = await explore.fieldValues('namespace');
  expect(shown.map((v) => v.count)).toEqual(namespace?.values.map((v) => v.count));
  await expect(field.getByTestId('facet-note')).toHaveCount(0);
  const share = await field.getByTestId('facet-value').first().getAttribute('title');
  expect(share).toContain(`(${(((shown[0]?.count ?? 0) / total) * 100).toFixed(1)}%)`);
  await page.screenshot({ path: testInfo.outputPath('facets-es.png') });
  await page.screenshot({ path: '/tmp/facets-es.png' });
});
