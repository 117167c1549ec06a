import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore, type Core, type CoreConfig } from '../../main/core';

export function tempDir(prefix = 'erp-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A real core on a real SQLite file in a fresh folder; the probe points at a closed loopback port. */
export async function tempCore(overrides: Partial<CoreConfig> = {}): Promise<Core & { dataDir: string; dispose(): Promise<void> }> {
  const dataDir = overrides.dataDir ?? tempDir();
  const core = await createCore({
    dataDir,
    appVersion: 'test',
    actor: { name: 'tester' },
    probe: { target: { host: '127.0.0.1', port: 9 }, intervalMs: 60_000, timeoutMs: 500 },
    ...overrides,
  });
  return Object.assign(core, {
    dataDir,
    async dispose() {
      await core.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  });
}

/** Every row of every table: proof that a rejected call changed nothing. */
export async function snapshotDb(core: Core): Promise<Record<string, unknown[]>> {
  const tables = await core.db('sqlite_master').where({ type: 'table' }).whereNot('name', 'like', 'sqlite_%').pluck<string[]>('name');
  const out: Record<string, unknown[]> = {};
  for (const t of tables.sort()) out[t] = await core.db(t).select();
  return out;
}
