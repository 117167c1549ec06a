import path from 'node:path';
import { app, BrowserWindow, net, protocol, safeStorage, session, shell } from 'electron';
import { createCore, type Core } from './core';
import { osActorName } from './config';
import { parseEndpoint } from './spapi/endpoint';
import { forwardEvents, registerIpc } from './ipc/electron';
import { createElectronPrinter } from './printing/electron-printer';
import { contentSecurityPolicy } from './security/csp';
import { APP_HOST, APP_ORIGIN, APP_SCHEME, decideLeavingApp } from './security/trusted-url';
import { allowPermission, mainWindowOptions } from './security/window-options';
import { checkForUpdates } from './updater';

const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
const rendererDir = path.join(import.meta.dirname, '../renderer');

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

let core: Core | null = null;

function serveBundle(): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const file = path.normalize(path.join(rendererDir, decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname)));
    if (url.host !== APP_HOST || !file.startsWith(rendererDir + path.sep)) return new Response('not found', { status: 404 });
    const res = await net.fetch(`file://${file}`);
    const headers = new Headers(res.headers);
    headers.set('Content-Security-Policy', contentSecurityPolicy());
    return new Response(res.body, { status: res.status, headers });
  });
}

function createWindow(): void {
  const win = new BrowserWindow({
    ...mainWindowOptions(path.join(import.meta.dirname, '../preload/index.cjs')),
    title: 'Seller ERP',
  });
  const contents = win.webContents;

  contents.setWindowOpenHandler(({ url }) => {
    if (decideLeavingApp(url).openExternally) void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    if (decideLeavingApp(url).openExternally) void shell.openExternal(url);
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  if (core) forwardEvents(core, contents);
  win.once('ready-to-show', () => win.show());
  void win.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`);
}

app.enableSandbox();

app.whenReady().then(async () => {
  session.defaultSession.setPermissionRequestHandler((_wc, permission, callback) => callback(allowPermission(permission)));
  if (devServerUrl) {
    session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy({ devServerUrl })] } });
    });
  }
  serveBundle();
  // For a simulator or test server elsewhere on this machine: ERP_SPAPI_ENDPOINT=https://127.0.0.1:<port> ERP_SPAPI_CA=<pem>.
  const endpoint = process.env.ERP_SPAPI_ENDPOINT ? parseEndpoint(process.env.ERP_SPAPI_ENDPOINT, process.env.ERP_SPAPI_CA) : null;
  if (endpoint && !endpoint.ok) console.error('ignoring ERP_SPAPI_ENDPOINT', endpoint.field, endpoint.reason);
  core = await createCore({
    dataDir: app.getPath('userData'),
    appVersion: app.getVersion(),
    actor: { name: osActorName() },
    demo: { enabled: true },
    // Silent printing through a hidden window per job; the printer list is asked of the app's window.
    printer: createElectronPrinter({
      openWindow: (options) => new BrowserWindow(options),
      listPrinters: async () => (await BrowserWindow.getAllWindows()[0]?.webContents.getPrintersAsync()) ?? [],
      tempDir: app.getPath('temp'),
    }),
    ...(endpoint?.ok ? { spapiEndpoint: endpoint.value } : {}),
    ...(safeStorage.isEncryptionAvailable()
      ? {
          secretBox: {
            kind: 'safe-storage' as const,
            encrypt: (plain: string) => safeStorage.encryptString(plain).toString('base64'),
            decrypt: (sealed: string) => safeStorage.decryptString(Buffer.from(sealed, 'base64')),
          },
        }
      : {}),
  });
  await core.start();
  registerIpc(core, { devServerUrl });
  createWindow();
  checkForUpdates();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
}, (err: unknown) => {
  console.error('start-up failed', err);
  app.exit(1);
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

let closing = false;
app.on('before-quit', (event) => {
  if (closing || !core) return;
  // Let in-flight DB work finish so WAL is checkpointed cleanly and nothing is half-written.
  event.preventDefault();
  closing = true;
  void core.close().finally(() => app.quit());
});
