import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-core';

const root = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);

async function cli(dataDir: string, ...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'main/cli.ts', '--data-dir', dataDir, ...args], { cwd: root });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('CLI on the same core', () => {
  it('migrates, adds a store, reports status and the audit trail', async () => {
    const dir = tempDir();
    expect(JSON.parse((await cli(dir, 'db:migrate')).stdout)).toMatchObject({ migrated: true });

    const added = await cli(dir, 'stores:add', '--name', '义乌百货', '--region', 'na', '--marketplaces', 'ATVPDKIKX0DER,A2EUQ1WTGCTBG2');
    expect(added.code).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ name: '义乌百货', region: 'na', marketplaceIds: ['A2EUQ1WTGCTBG2', 'ATVPDKIKX0DER'] });

    const status = JSON.parse((await cli(dir, 'status')).stdout);
    expect(status).toMatchObject({ store: { name: '义乌百货', marketplaceCount: 2 }, storeCount: 1, sync: { state: 'never' } });
    expect(['online', 'offline']).toContain(status.network.state);

    const audit = JSON.parse((await cli(dir, 'audit', '--limit', '5')).stdout);
    expect(audit).toHaveLength(1);
    expect(audit[0].actor).toMatch(/^cli:/);
  });

  it('rejects bad arguments with a typed error, exit code 1 and no change', async () => {
    const dir = tempDir();
    const bad = await cli(dir, 'stores:add', '--name', 'x', '--region', 'moon', '--marketplaces', 'ATVPDKIKX0DER');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^error invalid-input .*region/m);
    expect(JSON.parse((await cli(dir, 'stores:list')).stdout)).toEqual([]);
    const unknown = await cli(dir, 'drop-everything');
    expect(unknown.code).toBe(1);
    expect(unknown.stdout).toContain('usage:');
  });
});
