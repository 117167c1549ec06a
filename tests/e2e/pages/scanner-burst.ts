import type { CDPSession, Page } from '@playwright/test';

const sessions = new WeakMap<Page, Promise<CDPSession>>();

/**
 * A USB scanner reading a label: the code's key events as one burst, then Enter, with no field focused. The events are
 * real (trusted) keyboard input stamped 2 ms apart, as the operating system stamps a scanner's keys; typed key by key
 * from this process instead, a busy test process (the core and the simulator run in it) could stretch the gaps to
 * typing speed. Resolves once Chromium has taken every event, not when the screen has answered.
 */
export async function scannerBurst(page: Page, code: string): Promise<void> {
  let session = sessions.get(page);
  if (!session) {
    session = page.context().newCDPSession(page);
    sessions.set(page, session);
  }
  const cdp = await session;
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
}
