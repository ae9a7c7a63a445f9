import { expect, type Locator, type Page } from '@playwright/test';

/** Page object for `/dashboards/<id>`: panels by title, edit mode, variables. */
export class DashboardPage {
  readonly page: Page;
  readonly panels: Locator;
  readonly edit: Locator;
  readonly save: Locator;
  readonly addPanel: Locator;
  readonly dirty: Locator;
  readonly title: Locator;
  readonly conflict: Locator;

  constructor(page: Page) {
    this.page = page;
    this.panels = page.getByTestId('dashboard-panel');
    this.edit = page.getByTestId('dashboard-edit');
    this.save = page.getByTestId('dashboard-save');
    this.addPanel = page.getByTestId('dashboard-add-panel');
    this.dirty = page.getByTestId('dashboard-dirty');
    this.title = page.getByTestId('dashboard-title');
    this.conflict = page.getByTestId('conflict-dialog');
  }

  async open(id: string, search = ''): Promise<void> {
    await this.page.goto(`/dashboards/${id}${search}`);
  }

  panel(title: string): Locator {
    return this.page.locator(`[data-testid="dashboard-panel"][aria-label="${title}"]`);
  }

  /** Every panel has its answer drawn (none loading, none failed). */
  async allDrawn(count: number): Promise<void> {
    await expect(this.panels).toHaveCount(count);
    await expect(
      this.page.locator('[data-testid="dashboard-panel"]:not([data-state="drawn"])'),
    ).toHaveCount(0, {
      timeout: 15_000,
    });
  }

  private async menu(panel: Locator, item: string | RegExp): Promise<void> {
    await panel.getByTestId('panel-menu').click();
    await panel.getByRole('menuitem', { name: item }).click();
  }

  /** Adds a panel of `kind` (edit mode), then names it and writes its query. */
  async add(kind: string, title: string, query: string, field?: string): Promise<Locator> {
    await this.addPanel.click();
    await this.page.locator(`[role="menuitem"][data-kind="${kind}"]`).click();
    const panel = this.panels.last();
    await this.menu(panel, 'Rename');
    await panel.getByTestId('panel-title-input').fill(title);
    await panel.getByTestId('panel-title-input').press('Enter');
    const named = this.panel(title);
    await this.menu(named, 'Edit query');
    await named.getByTestId('panel-query-input').fill(query);
    await named.getByTestId('panel-query-input').press('Control+Enter');
    if (field) {
      await named.getByLabel('Field counted').fill(field);
      await named.getByLabel('Field counted').press('Enter');
    }
    return named;
  }

  /** A field variable, added through the variables bar's editor (edit mode). */
  async addFieldVariable(name: string, datasource: string, field: string): Promise<void> {
    await this.page.getByTestId('variable-add').click();
    const editor = this.page.getByTestId('variable-editor');
    await editor.locator('input[name="name"]').fill(name);
    await editor.locator('select[name="datasource"]').selectOption(datasource);
    await editor.locator('input[name="field"]').fill(field);
    await editor.getByRole('button', { name: 'Add' }).click();
    await expect(editor).toBeHidden();
  }

  variable(name: string): Locator {
    return this.page.locator(`[data-testid="variable-picker"][data-name="${name}"]`);
  }

  async pickVariable(name: string, value: string): Promise<void> {
    await this.variable(name).locator('.variable-value').click();
    await this.variable(name)
      .getByTestId('variable-option')
      .filter({ hasText: value })
      .first()
      .click();
  }

  async saveAndWait(): Promise<void> {
    const saved = this.page.waitForResponse(
      (r) => r.request().method() === 'PUT' && /\/api\/v1\/dashboards\/[^/]+$/.test(r.url()),
    );
    await this.save.click();
    expect((await saved).status()).toBe(200);
  }
}
