import fs from 'node:fs';
import type { EndpointOverride } from './loopback-agent';

/**
 * Validates "point the app at this SP-API-compatible server": https on a loopback address only (the redirect exists for
 * simulators and test servers on this machine, never to send Amazon credentials across a network), plus a readable
 * PEM CA file.
 */
export function parseEndpoint(
  url: string | undefined,
  caFile: string | undefined,
): { ok: true; value: EndpointOverride } | { ok: false; field: 'endpoint' | 'ca'; reason: string } {
  let parsed: URL;
  try {
    parsed = new URL(url ?? '');
  } catch {
    return { ok: false, field: 'endpoint', reason: 'not-a-url' };
  }
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  if (parsed.protocol !== 'https:') return { ok: false, field: 'endpoint', reason: 'https-only' };
  if (!['127.0.0.1', 'localhost', '::1'].includes(host)) return { ok: false, field: 'endpoint', reason: 'loopback-only' };
  const port = Number(parsed.port || 443);
  let ca: string;
  try {
    ca = fs.readFileSync(caFile ?? '', 'utf8');
  } catch {
    return { ok: false, field: 'ca', reason: 'unreadable' };
  }
  if (!ca.includes('-----BEGIN CERTIFICATE-----')) return { ok: false, field: 'ca', reason: 'not-a-pem-certificate' };
  return { ok: true, value: { host: host === 'localhost' ? '127.0.0.1' : host, port, ca } };
}
