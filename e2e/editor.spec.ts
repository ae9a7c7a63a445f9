import { expect, test, type Page } from './fixtures';
import { ExplorePage } from './pages/ExplorePage';

/**
 * The query editor in its three languages: completions with their documentation, mistakes
 * underlined before Run, and the Translate panel switching the editor.
 */

/** Every query the page sends, to show that a lint needs no request. */
function sentQueries(page: Page): string[] {
  const sent: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/api/v1/query') && r.method() === 'POST') {
      sent.push((r.postDataJSON() as { query: string }).query);
    }
  });
  return sent;
}

test('LogQL: parsers, functions and line filters come with their documentation', async ({
  page,
}, testInfo) => {
  const explore = new ExplorePage(page);
  await explore.open('?ds=local&from=now-1h&to=now');
  await explore.typeQuery('{namespace="payments"} | js');
  await expect(explore.completions).toHaveText(['json']);
  await expect(explore.completionInfo).toContainText('JSON property');
  await page.screenshot({ path: testInfo.outputPath('editor-logql-complete.png') });
  await page.screenshot({ path: '/tmp/editor-logql-complete.png' });
  await explore.complete('json');

  await explore.typeQuery('count_ov');
  await expect(explore.completions).toHaveText(['count_over_time']);
  await expect(explore.completionInfo).toContainText('number of lines');

  await explore.typeQuery('{namespace="payments"} ');
  await expect(explore.completions.first()).toHaveText('|=');
  await expect(explore.completionInfo).toContainText('contains');
});

test('KQL: fields with their kind, operators and values with documentation', async ({
  page,
}, testInfo) => {
  const explore = new ExplorePage(page);
  await explore.open('?ds=es&lang=kql&from=now-1h&to=now');
  await explore.pickDatasource('es', /^KQL.*Lucene/);
  await explore.typeQuery('namesp');
  await expect(explore.completions).toHaveText(['namespace']);
  await expect(explore.completionInfo).toContainText(/label|field/);
  await explore.typeQuery('namespace:"payments" ');
  await expect(explore.completions).toHaveText(['and', 'or']);
  await expect(explore.completionInfo).toContainText('both must match');
  await page.screenshot({ path: testInfo.outputPath('editor-kql-complete.png') });
  await page.screenshot({ path: '/tmp/editor-kql-complete.png' });
});

test('Logs Insights: commands, stats functions and field values complete with docs', async ({
  page,
}, testInfo) => {
  const explore = new ExplorePage(page);
  await explore.open('?ds=cw&lang=insights&from=now-1h&to=now');
  await explore.pickDatasource('cw', /Logs Insights/);
  await explore.pickLanguage('Logs Insights');

  await explore.typeQuery('fields @message | sta');
  await expect(explore.completions.first()).toHaveText('stats');
  await expect(explore.completionInfo).toContainText('Aggregates');
  await explore.completions.getByText('stats', { exact: true }).click();
  await page.keyboard.type(' count_d');
  await expect(explore.completions).toHaveText(['count_distinct']);
  await expect(explore.completionInfo).toContainText('distinct values');
  await page.screenshot({ path: testInfo.outputPath('editor-insights-complete.png') });
  await page.screenshot({ path: '/tmp/editor-insights-complete.png' });

  await explore.typeQuery('filter @logStr');
  await expect(explore.completions.first()).toHaveText('@logStream');
  await expect(explore.completionInfo).toContainText('log stream');
  await explore.completions.getByText('@logStream', { exact: true }).click();
  await page.keyboard.type(' ');
  await expect(explore.completions.first()).toHaveText('=');
  await expect(explore.completionInfo).toContainText('Equal');
  await explore.completions.getByText('=', { exact: true }).click();
  await expect.poll(() => explore.queryText()).toBe('filter @logStream = ');
  // The operator opens the values of @logStream in the current range, from the datasource.
  await expect(explore.completions.first()).toBeVisible();
  await expect(explore.completionInfo).toContainText('a value of @logStream');
  await page.screenshot({ path: '/tmp/editor-insights-values.png' });
});

test('a mistake is underlined while typing, before Run and without a request', async ({
  page,
}, testInfo) => {
  const explore = new ExplorePage(page);
  await explore.open('?ds=local&from=now-1h&to=now');
  await expect(explore.rows.first()).toBeVisible();
  const sent = sentQueries(page);

  await explore.typeQuery('{namespace="payments"} |= "x" | jsn');
  await page.keyboard.press('Escape');
  await expect(explore.lintMarks).toHaveCount(1);
  await expect(explore.lintMarks).toHaveText('jsn');
  await explore.lintMarks.hover();
  await expect(page.locator('.cm-tooltip-lint')).toContainText('jsn');
  await page.screenshot({ path: testInfo.outputPath('editor-lint-logql.png') });
  await page.screenshot({ path: '/tmp/editor-lint-logql.png' });

  await explore.pickDatasource('es', /^KQL.*Lucene/);
  await explore.pickLanguage('KQL');
  await explore.typeQuery('level:error and )');
  await expect(explore.lintMarks).toHaveText(')');

  await explore.pickDatasource('cw', /Logs Insights/);
  await explore.pickLanguage('Logs Insights');
  await explore.typeQuery('fields @message | sort @timestamp sideways');
  await page.keyboard.press('Escape');
  await expect(explore.lintMarks).toHaveText('sideways');
  await page.screenshot({ path: '/tmp/editor-lint-insights.png' });

  // Fixed, the underline goes.
  await explore.typeQuery('fields @message | sort @timestamp desc');
  await page.keyboard.press('Escape');
  await expect(explore.lintMarks).toHaveCount(0);
  expect(sent).toEqual([]);
});

test('Translate shows LogQL, KQL and Insights at once; Use switches the editor', async ({
  page,
}, testInfo) => {
  const explore = new ExplorePage(page);
  await explore.open('?ds=local&from=now-1h&to=now');
  await explore.setQuery('{namespace="payments"} |= "timeout"');
  await explore.translateToggle.click();
  await expect(explore.translation('logql')).toContainText('current');
  await expect(explore.translation('kql')).toContainText(
    'namespace:"payments" and message:"timeout"',
  );
  await expect(explore.translation('insights')).toContainText(
    'kubernetes.namespace_name = "payments"',
  );
  await page.screenshot({ path: testInfo.outputPath('editor-translate.png') });
  await page.screenshot({ path: '/tmp/editor-translate.png' });

  const insights = (await explore.translation('insights').locator('code').textContent()) ?? '';
  await explore.translation('insights').getByRole('button', { name: 'Use' }).click();
  await expect(explore.datasourcePicker).toHaveValue('cw');
  await expect(
    explore.languagePicker.getByRole('radio', { name: 'Logs Insights', exact: true }),
  ).toHaveAttribute('aria-checked', 'true');
  expect(await explore.queryText()).toBe(insights.replace(/\n/g, ''));

  // A stats query has no KQL or LogQL equivalent: the panel says which part.
  await explore.setQuery('filter @message like "timeout" | stats count(*) by bin(5m)');
  await explore.translateToggle.click();
  await expect(explore.translation('kql')).toContainText('No KQL equivalent');
  await expect(explore.translation('kql').getByTestId('translation-mark')).toHaveText(
    'stats count(*) by bin(5m)',
  );
  await page.screenshot({ path: '/tmp/editor-translate-refusal.png' });
});
