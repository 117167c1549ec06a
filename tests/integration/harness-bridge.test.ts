import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startHarness, type Harness } from '../harness/server';
import { tempDir } from '../support/temp-core';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness({ dataDir: tempDir(), probe: { target: { host: '127.0.0.1', port: 9 }, intervalMs: 60_000, timeoutMs: 500 } });
});
afterAll(() => harness.close());

function connect(token: string, origin: string): Promise<WebSocket> {
  const ws = new WebSocket(`${harness.origin.replace('http', 'ws')}/__harness/ws?token=${token}`, { origin });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

function call(ws: WebSocket, id: number, channel: unknown, input: unknown): Promise<unknown> {
  return new Promise((resolve) => {
    const onMessage = (raw: WebSocket.RawData) => {
      const msg = JSON.parse(String(raw)) as { id?: number; result?: unknown };
      if (msg.id === id) {
        ws.off('message', onMessage);
        resolve(msg.result);
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ id, channel, input }));
  });
}

describe('e2e harness bridge', () => {
  it('binds to loopback only', () => {
    expect(new URL(harness.origin).hostname).toBe('127.0.0.1');
  });

  it('refuses a connection without the per-run token or from another origin', async () => {
    await expect(connect('wrong-token', harness.origin)).rejects.toThrow('HTTP 403');
    await expect(connect(harness.token, 'http://evil.example')).rejects.toThrow('HTTP 403');
  });

  it('serves the contract through the same dispatch, errors included', async () => {
    const ws = await connect(harness.token, harness.origin);
    expect(await call(ws, 1, 'system:status', {})).toMatchObject({ ok: true, value: { appVersion: 'harness', storeCount: 0 } });
    expect(await call(ws, 2, 'fs:read', { path: '/etc/passwd' })).toEqual({ ok: false, error: { code: 'unknown-channel', params: { channel: 'fs:read' } } });
    ws.close();
  });

  it('sends the same CSP header as the app', async () => {
    const res = await fetch(`${harness.origin}/`);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await res.text()).toContain('/__harness/bridge.js');
  });
});
