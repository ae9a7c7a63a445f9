import type { Locator, Page } from '@playwright/test';

/** Page object for the sign-in page and the signed-in user in the top bar. */
export class SignInPage {
  readonly page: Page;
  readonly root: Locator;
  readonly username: Locator;
  readonly password: Locator;
  readonly submit: Locator;
  readonly error: Locator;
  readonly userName: Locator;
  readonly signOut: Locator;

  constructor(page: Page) {
    this.page = page;
    this.root = page.getByTestId('sign-in-page');
    this.username = page.getByTestId('sign-in-username');
    this.password = page.getByTestId('sign-in-password');
    this.submit = page.getByTestId('sign-in-submit');
    this.error = page.getByTestId('sign-in-error');
    this.userName = page.getByTestId('user-name');
    this.signOut = page.getByTestId('sign-out');
  }

  async signIn(username: string, password: string): Promise<void> {
    await this.username.fill(username);
    await this.password.fill(password);
    await this.submit.click();
  }
}
