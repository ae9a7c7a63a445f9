import { expect, test, type Page } from './fixtures';
import { ExplorePage } from './pages/ExplorePage';

const MINUTE = 60_000;
const WEIRD_FIELD = 'kubernetes.pod-näme';
const WEIRD_VALUE = 'say "hi" \\ bye';

/** An answer with what breaks log UIs: a 1 MB line, 10,000 JSON keys, an odd field and value. */
function hostileAnswer(source: string) {
  const ts = BigInt(Date.now() - 5 * MINUTE) * 1_000_000n;
  const wide = JSON.stringify(
    Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`k${i}`, i])),
  );
  const record = (i: number, line: string, fields: Record<string, string> = {}) => ({
    id: `hostile-${i}`,
    ts: String(ts - BigInt(i) * 1_000_000n),
    line,
    labels: { namespace: 'shop', job: 'shop/checkout' },
    fields,
    level: 'info',
    source,
  });
  return {
    records: [
      record(0, 'odd field', { [WEIRD_FIELD]: WEIRD_VALUE }),
      record(1, 'x'.repeat(1_000_000)),
      record(2, wide),
      ...Array.from({ length: 200 }, (_, i) => record(i + 3, `line ${i}`)),
    ],
    stats: { scanned: 203, returned: 203, tookMs: 1, truncated: false },
  };
}

/** Serves the hostile answer to the page's queries on `source`; everything else goes to Logsift. */
async function serveHostile(page: Page, source: string) {
  await page.route('**/api/v1/query', async (route) => {
    const body = route.request().postDataJSON() as { datasource?: unknown };
    if (body.datasource !== source) return route.continue();
    return route.fulfill({ json: hostileAnswer(source) });
  });
}

for (const { ds, lang, expected } of [
  { ds: 'local', lang: 'logql', expected: '"say \\"hi\\" \\\\ bye"' },
  { ds: 'es', lang: 'kql', expected: '"say \\"hi\\" \\\\ bye"' },
  { ds: 'cw', lang: 'insights', expected: '"say \\"hi\\" \\\\ bye"' },
]) {
  test(`a 1 MB line, 10,000 keys and an odd field stay usable, filtered correctly in ${lang}`, async ({
    page,
  }, testInfo) => {
    await serveHostile(page, ds);
    const explore = new ExplorePage(page);
    await explore.open(`?ds=${ds}&lang=${lang}`);
    await expect(explore.rows.first()).toContainText('odd field');
    await expect(explore.rows.nth(1)).toBeVisible();

    // The page answers at once: details of the huge lines open and close.
    for (const n of [1, 2]) {
      await explore.rows.nth(n).click();
      await expect(explore.details).toBeVisible({ timeout: 5_000 });
    }
    await explore.rows.first().click();
    const field = explore.details.locator(
      `[data-testid="details-field"][data-field="${WEIRD_FIELD}"]`,
    );
    await expect(field).toBeVisible();
    await field.getByRole('button', { name: `Filter for ${WEIRD_FIELD} = value` }).click();

    const text = explore.editor.locator('.cm-content');
    await expect(text).toContainText(expected);
    // The server parses what the click wrote: no error beside the editor.
    await expect(explore.error).toBeHidden();
    await page.screenshot({ path: testInfo.outputPath(`hostile-${lang}.png`) });
  });
}
