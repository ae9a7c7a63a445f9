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

  async inspect(): Promise<void> {
    await this.inspectToggle.click();
    await expect(this.inspector).toBeVisible();
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
