import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppStatus } from '../../shared/domain/status';
import { tempCore } from '../support/temp-core';

const servers: net.Server[] = [];
afterEach(() => servers.splice(0).forEach((s) => s.close()));

async function listening(): Promise<number> {
  const server = net.createServer((s) => s.end());
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as AddressInfo).port;
}

describe('network state in the status bar', () => {
  it('goes online when the endpoint answers, offline when it stops, and pushes each change', async () => {
    const port = await listening();
    const core = await tempCore({ probe: { target: { host: '127.0.0.1', port }, intervalMs: 60_000, timeoutMs: 500 } });
    const pushed: AppStatus[] = [];
    core.events.subscribe((event, payload) => {
      if (event === 'system:status-changed') pushed.push(payload as AppStatus);
    });
    try {
      expect((await core.status.get()).network).toEqual({ state: 'unknown', checkedAt: null });
      expect(await core.connectivity.check()).toBe('online');
      expect((await core.status.get()).network.state).toBe('online');

      servers[0]?.close();
      await new Promise((r) => setTimeout(r, 50));
      expect(await core.connectivity.check()).toBe('offline');
      await new Promise((r) => setTimeout(r, 50));
      expect(pushed.map((s) => s.network.state)).toEqual(['online', 'offline']);
      expect((await core.status.get()).network.checkedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    } finally {
      await core.dispose();
    }
  });
});
