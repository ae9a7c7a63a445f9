import type { Locator, Page } from '@playwright/test';

/** The Sharing control of the save dialogs and the dashboard's Sharing dialog, and list badges. */
export class SharingControls {
  readonly page: Page;
  readonly field: Locator;
  readonly groups: Locator;
  readonly canEdit: Locator;
  readonly openDashboardSharing: Locator;

  constructor(page: Page) {
    this.page = page;
    this.field = page.getByTestId('sharing-field');
    this.groups = this.field.getByTestId('sharing-groups');
    this.canEdit = this.field.getByTestId('sharing-can-edit');
    this.openDashboardSharing = page.getByTestId('sharing-open');
  }

  choice(kind: 'private' | 'groups' | 'public'): Locator {
    return this.field.getByTestId(`sharing-choice-${kind}`);
  }

  chip(group: string): Locator {
    return this.field.getByRole('button', { name: group, exact: true });
  }

  badge(row: Locator): Locator {
    return row.getByTestId('sharing-badge');
  }
}
