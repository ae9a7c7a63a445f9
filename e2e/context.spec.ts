import { expect, test, type Page } from './fixtures';
import { ExplorePage } from './pages/ExplorePage';
import { queryAnswer } from './queryAnswer';

interface Line {
  id: string;
  ts: string;
  labels: Record<string, string>;
}

/** Runs a query and returns its answer, not that of the default query the page opened with. */
async function runQuery(explore: ExplorePage, page: Page, query: string): Promise<Line[]> {
  const answered = page.waitForResponse(
    (r) =>
      r.url().endsWith('/api/v1/query') &&
      (r.request().postDataJSON() as { query?: string } | null)?.query === query,
  );
  await explore.run(query);
  const body = (await queryAnswer(await answered)) as { records: Line[] };
  await expect(explore.rows.first()).toBeVisible();
  return body.records;
}

/** Opens a line's context and checks it against the answer: its stream, in time order. */
async function checkContext(explore: ExplorePage, page: Page, records: Line[], shot: string) {
  const id = await explore.openDetails(3);
  const record = records.find((r) => r.id === id);
  expect(record).toBeDefined();
  await explore.details.screenshot({ path: `/tmp/context-details-${shot}.png` });
  const answered = page.waitForResponse((r) => r.url().endsWith('/api/v1/context'));
  const view = await explore.showContext();
  const context = (await (await answered).json()) as { before: Line[]; after: Line[] };
  const neighbours = [...context.before, ...context.after];
  expect(context.before.length).toBeGreaterThan(0);
  expect(neighbours.length).toBeLessThanOrEqual(50);
  expect(neighbours.every((r) => r.id !== id)).toBe(true);
  for (const r of neighbours) expect(r.labels).toMatchObject(record?.labels ?? {});

  const times = await explore.contextTimes(view);
  expect(times).toHaveLength(neighbours.length + 1);
  expect([...times].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(times);
  const current = view.getByTestId('context-record');
  await expect(current).toHaveAttribute('data-ts', record?.ts ?? '');
  await expect(view).toContainText('stream {');
  await page.screenshot({ path: `/tmp/context-${shot}.png` });
}

test('Show context on the local datasource: the line between its stream neighbours', async ({
  page,
}) => {
  const explore = new ExplorePage(page);
  await explore.open('?ds=local&from=now-1h&to=now');
  const records = await runQuery(explore, page, '{namespace="shop"}');
  await checkContext(explore, page, records, 'local');
});

test('Show context on Loki: the same, through query_range on the exact stream', async ({
  page,
}) => {
  const explore = new ExplorePage(page);
  await explore.open('?ds=loki&from=now-1h&to=now');
  const records = await runQuery(explore, page, '{namespace="payments"}');
  await checkContext(explore, page, records, 'loki');
});

test('Show context on Elasticsearch: the documents of the same pod around it', async ({ page }) => {
  const explore = new ExplorePage(page);
  await explore.open('?ds=es&from=now-1h&to=now');
  const records = await runQuery(explore, page, 'kubernetes.namespace_name:payments');
  await checkContext(explore, page, records, 'es');
});

test('Copy link opens the view with the line selected and its details open', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const explore = new ExplorePage(page);
  await explore.open('?ds=local&from=now-1h&to=now');
  await runQuery(explore, page, '{namespace="payments"}');
  const id = await explore.openDetails(4);
  const link = await explore.copyLink();
  expect(new URL(link).searchParams.get('line')).toBe(id);
  expect(new URL(link).searchParams.get('q')).toBe('{namespace="payments"}');

  const other = await context.newPage();
  await other.goto(link);
  const opened = new ExplorePage(other);
  await expect(opened.details).toBeVisible();
  await expect(opened.details).toHaveAttribute('data-record-id', id);
  await other.screenshot({ path: '/tmp/context-linked.png' });
  await other.keyboard.press('Escape');
  await expect(opened.details).toBeHidden();
});
