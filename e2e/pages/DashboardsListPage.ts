import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import type { Dashboard, DashboardBodyInput } from '../../model';

/** Page object for `/dashboards`, the dashboard browser. */
export class DashboardsListPage {
  readonly page: Page;
  readonly list: Locator;
  readonly search: Locator;
  readonly rows: Locator;
  readonly newButton: Locator;
  readonly importButton: Locator;
  readonly importDialog: Locator;
  readonly importProblems: Locator;

  constructor(page: Page) {
    this.page = page;
    this.list = page.getByTestId('dashboards-list');
    this.search = page.getByTestId('dashboards-search');
    this.rows = page.getByTestId('dashboard-row');
    this.newButton = page.getByTestId('dashboard-new');
    this.importButton = page.getByTestId('dashboard-import');
    this.importDialog = page.getByTestId('import-dialog');
    this.importProblems = page.getByTestId('import-problem');
  }

  async open(): Promise<void> {
    await this.page.goto('/dashboards');
    await expect(this.list).toBeVisible();
  }

  row(title: string): Locator {
    return this.rows.filter({ has: this.page.getByRole('link', { name: title, exact: true }) });
  }

  /** Imports a file through the dialog's file picker, as a user would. */
  async importFile(name: string, contents: unknown): Promise<void> {
    await this.importButton.click();
    await this.importDialog.locator('input[type="file"]').setInputFiles({
      name,
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(contents, null, 2)),
    });
    await expect(this.importDialog.getByRole('textbox')).not.toHaveValue('');
    await this.importDialog.getByRole('button', { name: 'Import', exact: true }).click();
  }

  async delete(title: string): Promise<void> {
    await this.row(title).getByTestId('dashboard-delete').click();
    const dialog = this.page.getByTestId('delete-dialog');
    await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect(dialog).toBeHidden();
  }
}

/** Saves a dashboard over the API, as another user or an earlier session would have. */
export async function createDashboard(
  request: APIRequestContext,
  body: DashboardBodyInput,
): Promise<Dashboard> {
  const res = await request.post('/api/v1/dashboards', { data: body });
  expect(res.status(), await res.text()).toBeLessThan(300);
  return (await res.json()) as Dashboard;
}
