import { writeFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from './fixtures';
import { ExplorePage } from './pages/ExplorePage';

/** Serious and critical violations only: the rest are reported in the test's attachment. */
async function seriousViolations(
  page: Page,
  name: string,
  testInfo: import('@playwright/test').TestInfo,
) {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21aa'])
    .analyze();
  const path = testInfo.outputPath(`axe-${name}.json`);
  writeFileSync(path, JSON.stringify(result.violations, null, 2));
  await testInfo.attach(`axe-${name}.json`, { path, contentType: 'application/json' });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(' | ')}`,
    );
}

for (const scheme of ['dark', 'light'] as const) {
  test(`Explore has no serious accessibility violation (${scheme})`, async ({ page }, testInfo) => {
    await page.emulateMedia({ colorScheme: scheme });
    const explore = new ExplorePage(page);
    await explore.open('?ds=local');
    await expect(explore.rows.first()).toBeVisible();
    expect(await seriousViolations(page, `${scheme}-list`, testInfo)).toEqual([]);

    await explore.rows.first().click();
    await expect(explore.details).toBeVisible();
    expect(await seriousViolations(page, `${scheme}-details`, testInfo)).toEqual([]);
    await page.screenshot({ path: testInfo.outputPath(`a11y-${scheme}.png`) });
  });
}

test('the history drawer and the shortcut list are reachable and accessible', async ({
  page,
}, testInfo) => {
  const explore = new ExplorePage(page);
  await explore.open('?ds=local');
  await expect(explore.rows.first()).toBeVisible();
  await page.locator('body').press('?');
  await expect(page.getByTestId('shortcuts-help')).toBeVisible();
  expect(await seriousViolations(page, 'shortcuts', testInfo)).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('shortcuts-help')).toBeHidden();

  await page.getByTestId('history-toggle').click();
  await expect(page.getByTestId('history-entry').first()).toContainText('{job=~".+"}');
  expect(await seriousViolations(page, 'history', testInfo)).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('history-drawer')).toBeHidden();

  await page.locator('body').press('/');
  await expect(explore.editor.locator('.cm-content')).toBeFocused();
});
