import type { CDPSession, Page } from '@playwright/test';

/**
 * Page object for the packing station. Everything goes through the keyboard as a clerk's hands would: a scan is a
 * keyboard-wedge burst (characters back to back, then Enter) with no field focused; typing is slow keys.
 */
export class PackingPage {
  private cdp: CDPSession | null = null;

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

  /**
   * A USB scanner reading a label: the code's key events as one burst, then Enter. The events are real (trusted)
   * keyboard input stamped 2 ms apart, as the operating system stamps a scanner's keys; typed key by key from this
   * process instead, a busy test process (the core and the simulator run in it) could stretch the gaps to typing speed.
   */
  async scan(code: string) {
    const before = await this.verdict().getAttribute('data-entry');
    this.cdp ??= await this.page.context().newCDPSession(this.page);
    const cdp = this.cdp;
    const sent: Promise<unknown>[] = [];
    const start = Date.now() / 1000;
    for (const [i, c] of [...code, '\r'].entries()) {
      const key = c === '\r' ? 'Enter' : c;
      const enter = key === 'Enter' ? { code: 'Enter', windowsVirtualKeyCode: 13 } : {};
      const timestamp = start + i * 0.002;
      sent.push(cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', key, text: c, unmodifiedText: c, timestamp, ...enter }));
      sent.push(cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key, timestamp: timestamp + 0.001, ...enter }));
    }
    await Promise.all(sent);
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
