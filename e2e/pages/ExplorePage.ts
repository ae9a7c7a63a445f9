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
}
