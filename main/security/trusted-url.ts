/**
 * URL policies for the window, as pure functions so they are unit-tested without Electron.
 * Every check parses with URL: string prefix tests are fooled by `app://bundle.evil.com` or `app://bundle@evil`.
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'bundle';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

const parse = (raw: string): URL | null => {
  try {
    return new URL(raw);
  } catch {
    return null;
  }
};

/** A page of our own: the packaged bundle, or in development the electron-vite dev server. */
export function isInternalUrl(raw: string, devServerUrl?: string): boolean {
  const url = parse(raw);
  if (!url || url.username || url.password) return false;
  if (url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST) return true;
  if (devServerUrl) {
    const dev = parse(devServerUrl);
    return !!dev && url.origin === dev.origin && (dev.hostname === 'localhost' || dev.hostname === '127.0.0.1');
  }
  return false;
}

export interface SenderInfo {
  /** `event.senderFrame.url` at the time of the call. */
  frameUrl: string | undefined;
  /** Whether the sending frame is the top-level frame of its window. */
  isMainFrame: boolean;
}

/** IPC is answered only for our own page's top frame: never an iframe, never a page the window was tricked into loading. */
export function isTrustedSender(sender: SenderInfo, devServerUrl?: string): boolean {
  return sender.isMainFrame && typeof sender.frameUrl === 'string' && isInternalUrl(sender.frameUrl, devServerUrl);
}

/** Seller Central and Amazon help pages may open in the user's browser; nothing else, and never non-https. */
const EXTERNAL_HOST_SUFFIXES = ['amazon.com', 'amazon.co.uk', 'amazon.de', 'amazon.fr', 'amazon.it', 'amazon.es', 'amazon.co.jp', 'amazon.ca', 'amazon.com.mx', 'amazon.com.au', 'amazon.cn'];

export function isSafeExternalUrl(raw: string): boolean {
  const url = parse(raw);
  if (!url || url.protocol !== 'https:' || url.username || url.password || url.port) return false;
  const host = url.hostname.toLowerCase();
  return EXTERNAL_HOST_SUFFIXES.some((suffix) => host === suffix || host.endsWith(`.${suffix}`));
}

export interface LeaveAppDecision {
  /** Always true: the app is one page and never opens windows of its own. */
  block: true;
  /** Whether to hand the URL to the OS browser instead. */
  openExternally: boolean;
}

/** For both `will-navigate` and `setWindowOpenHandler`: a stray link, a dropped file or a redirect never replaces the app. */
export function decideLeavingApp(raw: string): LeaveAppDecision {
  return { block: true, openExternally: isSafeExternalUrl(raw) };
}
