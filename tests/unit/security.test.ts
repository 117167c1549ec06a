import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../main/security/csp';
import { decideLeavingApp, isInternalUrl, isSafeExternalUrl, isTrustedSender } from '../../main/security/trusted-url';
import { allowPermission, mainWindowOptions } from '../../main/security/window-options';

const DEV = 'http://localhost:5173';

describe('isInternalUrl', () => {
  it.each([
    ['app://bundle/index.html', true],
    ['app://bundle/assets/index.js', true],
    ['app://bundle.evil.com/index.html', false],
    ['app://evil/index.html', false],
    ['app://user@bundle/index.html', false],
    ['file:///etc/passwd', false],
    ['https://sellercentral.amazon.com', false],
    ['http://localhost:5173/', false],
    ['not a url', false],
    ['', false],
  ])('%s → %s', (url, expected) => expect(isInternalUrl(url)).toBe(expected));

  it('accepts the dev server only when one is configured and it is on loopback', () => {
    expect(isInternalUrl('http://localhost:5173/index.html', DEV)).toBe(true);
    expect(isInternalUrl('http://localhost:5174/index.html', DEV)).toBe(false);
    expect(isInternalUrl('http://example.com:5173/', 'http://example.com:5173')).toBe(false);
  });
});

describe('isTrustedSender', () => {
  it('trusts only the main frame of our own page', () => {
    expect(isTrustedSender({ frameUrl: 'app://bundle/index.html', isMainFrame: true })).toBe(true);
    expect(isTrustedSender({ frameUrl: 'app://bundle/index.html', isMainFrame: false })).toBe(false);
    expect(isTrustedSender({ frameUrl: 'https://evil.example/', isMainFrame: true })).toBe(false);
    expect(isTrustedSender({ frameUrl: undefined, isMainFrame: true })).toBe(false);
    expect(isTrustedSender({ frameUrl: 'http://localhost:5173/', isMainFrame: true })).toBe(false);
    expect(isTrustedSender({ frameUrl: 'http://localhost:5173/', isMainFrame: true }, DEV)).toBe(true);
  });
});

describe('leaving the app', () => {
  it('always blocks; opens only https Amazon pages in the OS browser', () => {
    expect(decideLeavingApp('https://sellercentral.amazon.com/orders')).toEqual({ block: true, openExternally: true });
    expect(decideLeavingApp('https://sellercentral-europe.amazon.de/x')).toEqual({ block: true, openExternally: true });
    expect(decideLeavingApp('http://sellercentral.amazon.com/')).toEqual({ block: true, openExternally: false });
    expect(decideLeavingApp('https://amazon.com.evil.io/')).toEqual({ block: true, openExternally: false });
    expect(decideLeavingApp('https://evilamazon.com/')).toEqual({ block: true, openExternally: false });
    expect(decideLeavingApp('https://user:pw@sellercentral.amazon.com/')).toEqual({ block: true, openExternally: false });
    expect(decideLeavingApp('file:///C:/Windows/system32/calc.exe')).toEqual({ block: true, openExternally: false });
    expect(decideLeavingApp('javascript:alert(1)')).toEqual({ block: true, openExternally: false });
    expect(isSafeExternalUrl('https://sellercentral.amazon.com:8443/')).toBe(false);
  });
});

describe('content security policy', () => {
  const parse = (csp: string) => Object.fromEntries(csp.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));

  it('allows scripts and connections only from the app itself', () => {
    const csp = parse(contentSecurityPolicy());
    expect(csp['default-src']).toEqual(["'none'"]);
    expect(csp['script-src']).toEqual(["'self'"]);
    expect(csp['connect-src']).toEqual(["'self'"]);
    expect(csp['object-src']).toEqual(["'none'"]);
    expect(csp['frame-ancestors']).toEqual(["'none'"]);
    expect(csp['base-uri']).toEqual(["'none'"]);
    expect(JSON.stringify(csp)).not.toContain('unsafe-eval');
    expect(csp['script-src']).not.toContain("'unsafe-inline'");
  });

  it('opens up to the dev server only in development', () => {
    const csp = parse(contentSecurityPolicy({ devServerUrl: DEV }));
    expect(csp['script-src']).toContain('http://localhost:5173');
    expect(csp['connect-src']).toContain('ws://localhost:5173');
  });
});

describe('main window options', () => {
  it('isolate and sandbox the renderer with no Node access', () => {
    const { webPreferences } = mainWindowOptions('/app/out/preload/index.cjs');
    expect(webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('grant no browser permissions', () => {
    for (const p of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read']) expect(allowPermission(p)).toBe(false);
  });
});
