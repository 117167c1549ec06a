import type { Page } from '@playwright/test';
import { scannerBurst } from './scanner-burst';

/**
 * Page object for the packing station. Everything goes through the keyboard as a clerk's hands would: a scan is a
 * keyboard-wedge burst (characters back to back, then Enter) with no field focused; typing is slow keys.
 */
export class PackingPage {
  constructor(readonly page: Page) {}

  readonly screen = () => this.page.getByTestId('packing-screen');
  readonly orderId = () => this.page.getByTestId('packing-order-id');
  readonly verdict = () => this.page.getByTestId('packing-verdict');
  readonly verdictDetail = () => this.page.getByTestId('verdict-detail');
  readonly line = (sku: string) => this.page.getByTestId(`packing-line-${sku}`);
  readonly lineCount = (sku: string) => this.line(sku).getByTestId('line-count');
  readonly journalRows = () => this.page.getByTestId('journal-row');
  readonly shipPanel = () => this.page.getByTestId('packing-ship');
  readonly weight = () => this.page.getByTestId('packing-weight');
  readonly tracking = () => this.page.getByTestId('packing-tracking');
  readonly carrier = () => this.page.getByTestId('packing-carrier');
  readonly state = () => this.page.getByTestId('packing-state');
  /** "包裹 1/2": shown only for an order that ships as several packages. */
  readonly packageChip = () => this.page.getByTestId('packing-package');
  readonly warehouseChip = () => this.page.getByTestId('packing-warehouse');
  readonly packHint = () => this.page.getByTestId('packing-pack-hint');
  readonly idle = () => this.page.getByTestId('packing-idle');

  /** A scanner burst (see scannerBurst), then the station's answer. */
  async scan(code: string) {
    const before = await this.verdict().getAttribute('data-entry');
    await scannerBurst(this.page, code);
    // The station answers every scan with a new journal entry; wait for it so the next scan is a separate event.
    await this.page.waitForFunction((prev) => document.querySelector('[data-testid="packing-verdict"]')?.getAttribute('data-entry') !== prev, before);
  }

  /** A person typing on the keyboard, well slower than any scanner. */
  async typeSlowly(text: string) {
    await this.page.keyboard.type(text, { delay: 120 });
  }

  async press(key: string) {
    await this.page.keyboard.press(key);
  }
}
