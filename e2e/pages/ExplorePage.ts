import { expect, type Locator, type Page } from '@playwright/test';

/** Page object for Explore; test ids are the ones DESIGN.md promises to outside checks. */
export class ExplorePage {
  readonly page: Page;
  readonly editor: Locator;
  readonly runButton: Locator;
  readonly datasourcePicker: Locator;
  readonly timeRange: Locator;
  readonly histogram: Locator;
  readonly facets: Locator;
  readonly rows: Locator;
  readonly details: Locator;
  readonly tailToggle: Locator;
  readonly error: Locator;
  readonly resultCount: Locator;
  readonly inspectToggle: Locator;
  readonly inspector: Locator;
  readonly languagePicker: Locator;
  readonly translateToggle: Locator;
  readonly translations: Locator;
  readonly completions: Locator;
  /** The documentation line beside the selected completion. */
  readonly completionInfo: Locator;
  /** Mistakes the editor's linter underlines while typing. */
  readonly lintMarks: Locator;
  readonly histogramTotal: Locator;
  readonly histogramStep: Locator;
  readonly histogramLegend: Locator;
  readonly tailRate: Locator;
  readonly tailPending: Locator;
  readonly tailPause: Locator;
  readonly tailClear: Locator;

  constructor(page: Page) {
    this.page = page;
    this.editor = page.getByTestId('query-editor');
    this.runButton = page.getByTestId('run-query');
    this.datasourcePicker = page.getByTestId('datasource-picker');
    this.timeRange = page.getByTestId('time-range');
    this.histogram = page.getByTestId('histogram');
    this.facets = page.getByTestId('facets');
    this.rows = page.getByTestId('log-row');
    this.details = page.getByTestId('log-details');
    this.tailToggle = page.getByTestId('tail-toggle');
    this.error = page.getByTestId('error');
    this.resultCount = page.getByTestId('result-count');
    this.inspectToggle = page.getByTestId('inspect-toggle');
    this.inspector = page.getByTestId('explain');
    this.languagePicker = page.getByTestId('language-picker');
    this.translateToggle = page.getByTestId('translate');
    this.translations = page.getByTestId('translation');
    this.completions = page.locator('.cm-tooltip-autocomplete .cm-completionLabel');
    this.completionInfo = page.locator('.cm-completionInfo');
    this.lintMarks = page.locator('.cm-lintRange-error, .cm-lintRange-warning');
    this.histogramTotal = page.getByTestId('histogram-total');
    this.histogramStep = page.getByTestId('histogram-step');
    this.histogramLegend = page.getByTestId('histogram-legend');
    this.tailRate = page.getByTestId('tail-rate');
    this.tailPending = page.getByTestId('tail-pending');
    this.tailPause = page.getByTestId('tail-pause');
    this.tailClear = page.getByTestId('tail-clear');
  }

  async open(search = ''): Promise<void> {
    await this.page.goto(`/${search}`);
    await expect(this.runButton).toBeVisible();
  }

  async setQuery(text: string): Promise<void> {
    const content = this.editor.locator('.cm-content');
    await content.click();
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.page.keyboard.press('Delete');
    await content.fill(text);
  }

  /** Picks a datasource and waits for its languages in the switch. */
  async pickDatasource(id: string, languages: RegExp): Promise<void> {
    await this.datasourcePicker.selectOption(id);
    await expect(this.languagePicker).toHaveText(languages);
  }

  async pickLanguage(label: string): Promise<void> {
    const option = this.languagePicker.getByRole('radio', { name: label, exact: true });
    await option.click();
    await expect(option).toHaveAttribute('aria-checked', 'true');
  }

  /**
   * Picks a completion by clicking it: CodeMirror ignores keys for 75 ms after the list opens
   * or changes, so an Enter sent at once by a robot would insert a new line instead.
   */
  async complete(label: string): Promise<void> {
    await expect(this.completions).toHaveText([label]);
    await this.completions.getByText(label, { exact: true }).click();
  }

  async clearQuery(): Promise<void> {
    await this.editor.locator('.cm-content').click();
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.page.keyboard.press('Delete');
  }

  async queryText(): Promise<string> {
    return (await this.editor.locator('.cm-content').textContent()) ?? '';
  }

  async run(query?: string): Promise<void> {
    if (query !== undefined) await this.setQuery(query);
    await this.runButton.click();
  }

  /** The number in the "N lines" counter, once a query has answered. */
  async count(): Promise<number> {
    await expect(this.resultCount).toHaveText(/\d/);
    const text = (await this.resultCount.textContent()) ?? '';
    return Number(text.replace(/[^\d]/g, ''));
  }

  /** Narrows the field list by name, as one types in its search box. */
  async searchFields(text: string): Promise<void> {
    await this.facets.getByTestId('facet-search').fill(text);
  }

  /** Names in the field list as shown now. */
  async fieldNames(): Promise<string[]> {
    return this.facets.locator('[data-testid="facet-field"] .facet-name').allTextContents();
  }

  facetField(name: string): Locator {
    return this.facets.locator(`[data-testid="facet-field"][data-field="${name}"]`);
  }

  /** Opens a field of the list, if closed, and waits for its values. */
  async openField(name: string): Promise<Locator> {
    const field = this.facetField(name);
    const toggle = field.locator('button[aria-expanded]');
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await expect(field.getByTestId('facet-value').first()).toBeVisible();
    return field;
  }

  /** Value labels and counts of an open field, top first. */
  async fieldValues(name: string): Promise<{ value: string; count: number }[]> {
    const rows = this.facetField(name).getByTestId('facet-value');
    const labels = await rows.locator('.facet-label').allTextContents();
    const counts = await rows.locator('.facet-count').allTextContents();
    return labels.map((value, i) => ({
      value,
      count: Number((counts[i] ?? '').replace(/,/g, '')),
    }));
  }

  /** Opens the details of the n-th listed line; returns the id the panel shows. */
  async openDetails(n: number): Promise<string> {
    await this.rows.nth(n).click();
    await expect(this.details).toBeVisible();
    return (await this.details.getAttribute('data-record-id')) ?? '';
  }

  /** Opens "Show context" in the details panel and waits for its lines. */
  async showContext(): Promise<Locator> {
    await this.details.getByTestId('show-context').click();
    const view = this.details.getByTestId('context-view');
    await expect(view.getByTestId('context-line').first()).toBeVisible();
    return view;
  }

  /** Nanosecond times of the context lines and the record among them, top to bottom. */
  async contextTimes(view: Locator): Promise<bigint[]> {
    const rows = view.locator('[data-testid="context-line"], [data-testid="context-record"]');
    const times = await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-ts')));
    return times.map((t) => BigInt(t ?? '0'));
  }

  /** "Copy link" in the details panel: the link it put on the clipboard. */
  async copyLink(): Promise<string> {
    const button = this.details.getByTestId('details-copy-link');
    await button.click();
    await expect(button).toHaveText('Copied');
    return this.page.evaluate(() => navigator.clipboard.readText());
  }

  async inspect(): Promise<void> {
    await this.inspectToggle.click();
    await expect(this.inspector).toBeVisible();
  }

  /** Types into an emptied editor key by key, as a person does, so completions open. */
  async typeQuery(text: string): Promise<void> {
    await this.clearQuery();
    await this.page.keyboard.type(text);
  }

  /** The Translate panel's row of one language. */
  translation(language: 'logql' | 'kql' | 'insights' | 'lucene'): Locator {
    return this.translations.and(this.page.locator(`[data-language="${language}"]`));
  }

  /** The log list's scrolling listbox. */
  get logList(): Locator {
    return this.page.getByTestId('log-list');
  }

  async setWrap(on: boolean): Promise<void> {
    await this.page.getByTestId('log-wrap').setChecked(on);
  }

  async setDedup(mode: 'none' | 'exact' | 'numbers' | 'signature'): Promise<void> {
    await this.page.getByTestId('log-dedup').selectOption(mode);
  }

  async setOrder(order: 'newest' | 'oldest'): Promise<void> {
    await this.page.getByTestId('log-order').selectOption(order);
  }

  async setZone(zone: 'utc' | 'local'): Promise<void> {
    await this.page.getByTestId('log-zone').selectOption(zone);
  }

  /** Opens the columns chooser and ticks or unticks a field. */
  async toggleColumn(field: string): Promise<void> {
    const toggle = this.page.getByTestId('log-columns-toggle');
    const menu = this.page.locator(`[data-testid="log-column-choice"][data-field="${field}"]`);
    if (!(await menu.isVisible())) await toggle.click();
    await menu.click();
    await toggle.click();
  }

  /** The header cells of the columns table, in order. */
  get columnHeaders(): Locator {
    return this.page.getByTestId('log-header').getByTestId('log-column');
  }

  /** The ts (epoch ns) of each drawn row, top to bottom. */
  async rowTimes(): Promise<bigint[]> {
    const times = await this.rows.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-ts')));
    return times.map((t) => BigInt(t ?? '0'));
  }

  /** One series' toggle in the histogram's legend. */
  legendToggle(name: string): Locator {
    return this.histogramLegend.getByRole('button', { name, exact: true });
  }

  /** Clicks (without dragging) the histogram at `fraction` of its width. */
  async clickHistogram(fraction: number): Promise<void> {
    const box = await this.histogram.locator('.u-over').boundingBox();
    if (!box) throw new Error('the histogram is not drawn');
    await this.page.mouse.move(box.x + box.width * fraction, box.y + box.height / 2);
    await this.page.mouse.click(box.x + box.width * fraction, box.y + box.height / 2);
  }

  /** The range in the address bar, as epoch milliseconds when it is absolute. */
  urlRange(): { from: number; to: number } {
    const params = new URL(this.page.url()).searchParams;
    return { from: Number(params.get('from')), to: Number(params.get('to')) };
  }

  /** The live tail's lines per second, as its bar shows them. */
  async tailLinesPerSecond(): Promise<number> {
    return Number(((await this.tailRate.textContent()) ?? '').replace(/[^\d.]/g, ''));
  }

  /** The lines a paused tail holds back. */
  async tailPendingCount(): Promise<number> {
    return Number(((await this.tailPending.textContent()) ?? '').replace(/[^\d]/g, ''));
  }
}
