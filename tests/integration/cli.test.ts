import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
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

describe('CLI simulator', () => {
  it('runs standalone, prints port, CA file and credentials, and a client pointed at it connects', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'main/cli.ts', 'simulator', '--seed', '5', '--time-scale', '10'], { cwd: root });
    try {
      const info = await new Promise<{ port: number; endpoint: string; caFile: string; account: Record<string, string> }>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          try {
            resolve(JSON.parse(out));
          } catch {
            // Not the whole object yet.
          }
        });
        child.once('exit', (code) => reject(new Error(`simulator exited ${code}`)));
      });
      expect(info.endpoint).toBe(`https://127.0.0.1:${info.port}`);
      expect(fs.readFileSync(info.caFile, 'utf8')).toContain('BEGIN CERTIFICATE');

      const ok = await cli(tempDir(), 'spapi:test', '--endpoint', info.endpoint, '--ca', info.caFile);
      expect(ok.code).toBe(0);
      expect(JSON.parse(ok.stdout)).toMatchObject({ ok: true, marketplaces: expect.arrayContaining(['ATVPDKIKX0DER', 'A1VC38T7YXB528']) });

      const wrong = await cli(tempDir(), 'spapi:test', '--endpoint', info.endpoint, '--ca', info.caFile, '--refresh-token', 'Atzr|wrong');
      expect(wrong.code).toBe(1);
      expect(wrong.stderr).toMatch(/^error spapi-auth /m);

      const remote = await cli(tempDir(), 'spapi:test', '--endpoint', 'https://example.com:443', '--ca', info.caFile);
      expect(remote.stderr).toMatch(/error invalid-input .*loopback-only/);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  });
});
