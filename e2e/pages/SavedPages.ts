import { expect, type Locator, type Page } from '@playwright/test';

/** Explore's Save, Share and panel-edit controls (issue 7). */
export class ExploreSaving {
  readonly page: Page;
  readonly saveButton: Locator;
  readonly dialog: Locator;
  readonly name: Locator;
  readonly description: Locator;
  readonly submit: Locator;
  readonly saveAsNew: Locator;
  readonly note: Locator;
  readonly shareButton: Locator;
  readonly shareUrl: Locator;
  readonly banner: Locator;
  readonly bannerVariables: Locator;
  readonly apply: Locator;
  readonly discard: Locator;

  constructor(page: Page) {
    this.page = page;
    this.saveButton = page.getByTestId('save-query').first();
    this.dialog = page.getByTestId('save-query-dialog');
    this.name = this.dialog.getByTestId('save-query-name');
    this.description = this.dialog.getByTestId('save-query-description');
    this.submit = this.dialog.getByTestId('save-query-submit');
    this.saveAsNew = this.dialog.getByTestId('save-query-as-new');
    this.note = page.getByTestId('saved-note');
    this.shareButton = page.getByTestId('share-link').first();
    this.shareUrl = page.getByTestId('share-link-url');
    this.banner = page.getByTestId('panel-edit-banner');
    this.bannerVariables = this.banner.getByTestId('panel-edit-variable');
    this.apply = this.banner.getByTestId('panel-edit-apply');
    this.discard = this.banner.getByTestId('panel-edit-discard');
  }

  /** Saves the editor as a new saved query and waits for the note; the URL then names its id. */
  async saveNew(name: string, description = ''): Promise<string> {
    await this.saveButton.click();
    await expect(this.dialog).toBeVisible();
    await this.name.fill(name);
    await this.description.fill(description);
    await this.submit.click();
    await expect(this.note).toContainText(name);
    await expect(this.page).toHaveURL(/[?&]saved=[A-Za-z0-9_-]+/);
    return new URL(this.page.url()).searchParams.get('saved') ?? '';
  }

  /** The short link the Share popover shows. */
  async shortLink(): Promise<string> {
    await this.shareButton.click();
    await expect(this.shareUrl).toHaveValue(/\/s\/[A-Za-z0-9_-]+$/);
    return this.shareUrl.inputValue();
  }
}

/** The /queries page. */
export class SavedQueriesPage {
  readonly page: Page;
  readonly search: Locator;
  readonly rows: Locator;
  readonly empty: Locator;

  constructor(page: Page) {
    this.page = page;
    this.search = page.getByTestId('saved-queries-search');
    this.rows = page.getByTestId('saved-query-row');
    this.empty = page.getByTestId('saved-queries-empty');
  }

  async open(): Promise<void> {
    await this.page.goto('/queries');
    await expect(this.search).toBeVisible();
  }

  row(name: string): Locator {
    return this.rows.filter({ hasText: name });
  }

  async find(text: string): Promise<void> {
    await this.search.fill(text);
    await expect(this.rows.filter({ hasText: text }).first()).toBeVisible();
  }

  async remove(name: string): Promise<void> {
    await this.row(name).getByTestId('saved-query-delete').click();
    const confirm = this.page.getByTestId('confirm-delete');
    await confirm.click();
    await expect(confirm).toBeHidden();
    await expect(this.row(name)).toHaveCount(0);
  }
}

/** Explore's "Add to dashboard" dialog. */
export class AddToDashboard {
  readonly page: Page;
  readonly dialog: Locator;

  constructor(page: Page) {
    this.page = page;
    this.dialog = page.getByTestId('add-to-dashboard-dialog');
  }

  /** Adds the pane's query to the dashboard titled `title` as a `kind` panel. */
  async add(title: string, kind: string, field?: string): Promise<void> {
    await this.page.getByTestId('add-to-dashboard').first().click();
    await this.dialog.getByRole('searchbox', { name: 'Search dashboards' }).fill(title);
    await this.dialog.getByTestId('dashboard-choice').filter({ hasText: title }).click();
    await this.dialog.getByTestId('panel-kind').selectOption(kind);
    if (field) {
      await expect(
        this.dialog.getByTestId('panel-field').locator('option', { hasText: field }),
      ).toHaveCount(1);
      await this.dialog.getByTestId('panel-field').selectOption(field);
    }
    await this.dialog.getByTestId('add-to-dashboard-submit').click();
    await expect(this.dialog.getByTestId('open-dashboard')).toBeVisible();
  }
}
