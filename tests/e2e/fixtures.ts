import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base } from '@playwright/test';
import { startHarness, type Harness } from '../harness/server';

/** Each test gets its own data folder, core and harness: a fresh SQLite file, nothing shared. */
export const test = base.extend<{ harness: Harness }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern.
  harness: async ({}, use) => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'erp-e2e-'));
    // A closed loopback port: the probe answers "offline" at once, deterministically.
    const harness = await startHarness({ dataDir, probe: { target: { host: '127.0.0.1', port: 9 }, intervalMs: 60_000, timeoutMs: 500 } });
    harness.core.start();
    await use(harness);
    await harness.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  },
});

export { expect } from '@playwright/test';
