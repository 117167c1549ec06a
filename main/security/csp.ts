/**
 * The Content-Security-Policy for the renderer, sent as a response header by the app:// protocol
 * and by the e2e harness, so tests run under the same policy as the shipped app.
 * style-src needs 'unsafe-inline' because MUI (emotion) injects <style> elements at run time;
 * scripts stay 'self' only.
 */
export function contentSecurityPolicy(opts: { devServerUrl?: string } = {}): string {
  const dev = opts.devServerUrl ? new URL(opts.devServerUrl).origin : null;
  const devWs = dev ? dev.replace(/^http/, 'ws') : null;
  const directives: Record<string, string[]> = {
    'default-src': ["'none'"],
    'script-src': ["'self'", ...(dev ? [dev, "'unsafe-inline'"] : [])],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'", 'data:'],
    'media-src': ["'self'"],
    'connect-src': ["'self'", ...(dev && devWs ? [dev, devWs] : [])],
    'worker-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
    'frame-ancestors': ["'none'"],
    'frame-src': ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}
