import type { Page } from '@playwright/test';

/** Page object for the frame around every screen: navigation, language switch, status bar. */
export class AppShell {
  constructor(readonly page: Page) {}

  readonly title = () => this.page.getByTestId('app-title');
  readonly nav = (id: string) => this.page.getByTestId(`nav-${id}`);
  readonly screen = () => this.page.getByTestId('screen');
  readonly statusStore = () => this.page.getByTestId('status-store');
  readonly statusNetwork = () => this.page.getByTestId('status-network');
  readonly statusSync = () => this.page.getByTestId('status-sync');

  async open(url: string) {
    await this.page.goto(url);
    await this.title().waitFor();
  }

  async chooseLanguage(label: string) {
    await this.page.getByTestId('language-switch').locator('..').click();
    await this.page.getByRole('option', { name: label }).click();
  }
}
