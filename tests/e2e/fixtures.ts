import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base } from '@playwright/test';
import { startHarness, type Harness } from '../harness/server';

/** Each test gets its own data folder, core and harness: a fresh SQLite file, nothing shared. */
export const test = base.extend<{ harness: Harness; demo: boolean }>({
  /** Start the core in demo mode (embedded simulator + demo stores); off for tests of an empty app. */
  demo: [false, { option: true }],
  harness: async ({ demo }, use) => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'erp-e2e-'));
    // Without demo, a closed loopback port: the probe answers "offline" at once, deterministically. In demo mode the
    // probe follows the demo store to the embedded simulator, as in the app.
    const harness = await startHarness({
      dataDir,
      ...(demo
        ? { demo: { enabled: true }, spapiEndpoint: 'simulator' as const }
        : { probe: { target: { host: '127.0.0.1', port: 9 }, intervalMs: 60_000, timeoutMs: 500 } }),
    });
    await harness.core.start();
    await use(harness);
    await harness.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  },
});

export { expect } from '@playwright/test';
