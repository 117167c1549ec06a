import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocketServer, type WebSocket } from 'ws';
import { createCore, type Core, type CoreConfig } from '../../main/core';
import { dispatch } from '../../main/ipc/dispatch';
import { createFolderPrinter } from '../../main/printing/folder-printer';
import { contentSecurityPolicy } from '../../main/security/csp';
import { bridgeScript } from './bridge-script';

const RENDERER_DIR = fileURLToPath(new URL('../../out/renderer', import.meta.url));
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
};

export interface Harness {
  /** Open this in the browser: it carries the per-run token in its fragment. */
  url: string;
  origin: string;
  token: string;
  core: Core;
  /** The virtual printers' folder: every job the page prints lands here as `<n>-<printer>.pdf` + its JSON. */
  printedDir: string;
  close(): Promise<void>;
}

/**
 * Serves the built renderer on 127.0.0.1 and bridges the contract over a WebSocket to a real core through the
 * same `dispatch` Electron IPC uses. Stands in for preload + ipcMain so Playwright can drive the real renderer.
 */
export async function startHarness(config: Omit<CoreConfig, 'appVersion' | 'actor'> & Partial<CoreConfig>): Promise<Harness> {
  if (!fs.existsSync(path.join(RENDERER_DIR, 'index.html'))) {
    throw new Error('renderer is not built: run `npm run build:renderer` first');
  }
  // A label printer and an office printer, both virtual: what the page prints is kept as files to look at.
  const printedDir = path.join(config.dataDir, 'printed');
  const core = await createCore({ appVersion: 'harness', actor: { name: 'harness' }, printer: createFolderPrinter({ dir: printedDir }), ...config });
  const token = crypto.randomBytes(24).toString('base64url');
  const bridge = bridgeScript();
  let origin = '';

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const headers = { 'Content-Security-Policy': contentSecurityPolicy(), 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' };
    if (url.pathname === '/__harness/bridge.js') {
      res.writeHead(200, { ...headers, 'Content-Type': MIME['.js'] });
      res.end(bridge);
      return;
    }
    const rel = url.pathname === '/' ? '/index.html' : decodeURIComponent(url.pathname);
    const file = path.normalize(path.join(RENDERER_DIR, rel));
    if (!file.startsWith(RENDERER_DIR + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, headers);
      res.end('not found');
      return;
    }
    let body: Buffer | string = fs.readFileSync(file);
    if (rel === '/index.html') {
      // A classic script in <head> runs before the deferred module bundle, just as preload runs before the page.
      body = body.toString('utf8').replace('<head>', '<head><script src="/__harness/bridge.js"></script>');
    }
    res.writeHead(200, { ...headers, 'Content-Type': MIME[path.extname(file)] ?? 'application/octet-stream' });
    res.end(body);
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  /** Calls dispatched and not yet answered, so close() can wait for them instead of pulling the DB from under them. */
  const inFlight = new Set<Promise<void>>();
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const given = url.searchParams.get('token') ?? '';
    const tokenOk = given.length === token.length && crypto.timingSafeEqual(Buffer.from(given), Buffer.from(token));
    // The Origin check is the harness's sender check: only our own page may talk to the core.
    if (url.pathname !== '/__harness/ws' || !tokenOk || req.headers.origin !== origin) {
      socket.write('HTTP/1.1 403 Forbidden\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  wss.on('connection', (ws: WebSocket) => {
    const unsubscribe = core.events.subscribe((event, payload) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ event, payload }));
    });
    ws.on('close', unsubscribe);
    ws.on('message', (raw) => {
      let msg: { id?: unknown; channel?: unknown; input?: unknown };
      try {
        msg = JSON.parse(String(raw)) as typeof msg;
      } catch {
        return;
      }
      if (typeof msg.id !== 'number') return;
      const id = msg.id;
      const call = dispatch(core, msg.channel, msg.input, console).then((result) => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id, result }));
      });
      inFlight.add(call);
      void call.finally(() => inFlight.delete(call));
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/#harness-token=${token}`,
    origin,
    token,
    core,
    printedDir,
    async close() {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      // A call the page made just before the end still holds a query: the core closes once it has answered.
      await Promise.allSettled([...inFlight]);
      await core.close();
    },
  };
}
