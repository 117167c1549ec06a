import type { Page } from '@playwright/test';
import { scannerBurst } from './scanner-burst';

/**
 * Page object for FBA 货件: the plan list, the plan builder and its box-packing station. Scans are keyboard-wedge
 * bursts with no field focused, as at the packing station.
 */
export class FbaPage {
  constructor(readonly page: Page) {}

  readonly plan = () => this.page.getByTestId('fba-plan');
  readonly verdict = () => this.page.getByTestId('box-verdict');
  readonly verdictTitle = () => this.page.getByTestId('box-verdict-title');
  readonly line = (msku: string) => this.page.getByTestId(`box-line-${msku}`);
  readonly field = (name: 'length' | 'width' | 'height' | 'weight') => this.page.getByTestId(`box-${name}`);
  readonly fieldHelp = (name: 'length' | 'width' | 'height' | 'weight') => this.page.getByTestId(`box-${name}-help`);

  readonly trackingRow = (n: number) => this.page.getByTestId(`tracking-row-${n}`);
  readonly tracking = () => this.page.getByTestId('tracking');

  /** A scanner burst with no field focused, answered by the screen filling a tracking row (nothing else to wait on). */
  async scanTracking(code: string, row: number) {
    await this.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await scannerBurst(this.page, code);
    await this.page.waitForFunction(([n, c]) => (document.querySelector(`[data-testid="tracking-row-${n}"] input`) as HTMLInputElement | null)?.value === c, [row, code] as const);
  }

  /** "Check now" (reads Amazon's answers) until the shipment's tracking upload is in `state`. */
  async waitForTracking(state: 'done' | 'failed', timeoutMs = 60_000) {
    const deadline = Date.now() + timeoutMs;
    while ((await this.tracking().getAttribute('data-state')) !== state) {
      if (Date.now() > deadline) throw new Error(`tracking stayed ${await this.tracking().getAttribute('data-state')}`);
      await this.page.getByTestId('fba-check-receiving').click().catch(() => undefined);
      await this.page.waitForTimeout(700);
    }
  }

  /** A scanner burst (see scannerBurst), then the station's verdict on it. */
  async scan(code: string) {
    const before = await this.verdict().getAttribute('data-entry');
    await scannerBurst(this.page, code);
    await this.page.waitForFunction((prev) => document.querySelector('[data-testid="box-verdict"]')?.getAttribute('data-entry') !== prev, before);
  }

  /** Presses a station key with no field focused (F2 new box, F4 close box…). */
  async key(key: string) {
    await this.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await this.page.keyboard.press(key);
  }

  /**
   * "Check now" until the plan reaches one of `steps` with the user's turn (or the status given): Amazon's operations take
   * a few seconds in the demo's simulated time.
   */
  async waitForStep(steps: string[], status = 'waiting', timeoutMs = 60_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const step = await this.plan().getAttribute('data-step');
      const now = await this.plan().getAttribute('data-status');
      if (step && steps.includes(step) && now === status) return;
      if (now === 'failed') throw new Error(`plan failed at ${step}: ${await this.page.getByTestId('fba-problems').textContent()}`);
      if (Date.now() > deadline) throw new Error(`plan stayed at ${step}/${now}`);
      const checkNow = this.page.getByTestId('fba-check-now');
      if (await checkNow.isVisible()) await checkNow.click().catch(() => undefined);
      await this.page.waitForTimeout(700);
    }
  }
}
