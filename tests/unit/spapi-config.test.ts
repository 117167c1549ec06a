import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEndpoint } from '../../main/spapi/endpoint';
import { isRetryable, kindForStatus, kindForThrown } from '../../main/spapi/errors';
import { keyFileSecretBox } from '../../main/spapi/secret-box';
import { tempDir } from '../support/temp-core';

const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

describe('pointing the client at another SP-API endpoint', () => {
  const caFile = path.join(tempDir(), 'ca.pem');
  fs.writeFileSync(caFile, PEM);

  it('accepts https on loopback with a PEM CA', () => {
    expect(parseEndpoint('https://127.0.0.1:8443', caFile)).toEqual({ ok: true, value: { host: '127.0.0.1', port: 8443, ca: PEM } });
    expect(parseEndpoint('https://localhost:9000/', caFile)).toMatchObject({ ok: true, value: { host: '127.0.0.1', port: 9000 } });
  });

  it.each([
    ['http://127.0.0.1:8443', caFile, 'endpoint', 'https-only'],
    ['https://sellingpartnerapi-na.amazon.com', caFile, 'endpoint', 'loopback-only'],
    ['https://10.0.0.5:8443', caFile, 'endpoint', 'loopback-only'],
    ['not a url', caFile, 'endpoint', 'not-a-url'],
    ['https://127.0.0.1:8443', '/nonexistent/ca.pem', 'ca', 'unreadable'],
    ['https://127.0.0.1:8443', fileURLToPathSafe(), 'ca', 'not-a-pem-certificate'],
  ])('refuses %s with %s', (url, ca, field, reason) => {
    expect(parseEndpoint(url, ca)).toEqual({ ok: false, field, reason });
  });
});

function fileURLToPathSafe(): string {
  const f = path.join(tempDir(), 'not-pem.txt');
  fs.writeFileSync(f, 'hello');
  return f;
}

describe('key-file secret box (CLI and tests; the app uses the OS keychain)', () => {
  it('round-trips secrets, never stores them in clear, and keeps the key private', () => {
    const dir = tempDir();
    const box = keyFileSecretBox(dir);
    const secret = 'Atzr|IwEBIA-秘密-🔑';
    const sealed = box.encrypt(secret);
    expect(sealed).not.toContain('Atzr');
    expect(box.encrypt(secret)).not.toBe(sealed);
    expect(keyFileSecretBox(dir).decrypt(sealed)).toBe(secret);
    expect(fs.statSync(path.join(dir, 'credentials.key')).mode & 0o777).toBe(0o600);
  });

  it('refuses a tampered or foreign secret', () => {
    const box = keyFileSecretBox(tempDir());
    const sealed = box.encrypt('amzn1.oa2-cs.v1.abc');
    const parts = sealed.split('.');
    parts[3] = Buffer.from('tampered').toString('base64');
    expect(() => box.decrypt(parts.join('.'))).toThrow();
    expect(() => keyFileSecretBox(tempDir()).decrypt(sealed)).toThrow();
  });
});

describe('SP-API error kinds', () => {
  it('map HTTP statuses the way the sync engine needs them', () => {
    expect([400, 401, 403, 404, 409, 429, 500, 503].map(kindForStatus)).toEqual(['invalid-input', 'auth', 'auth', 'not-found', 'invalid-input', 'throttled', 'server', 'server']);
  });

  it('map thrown errors', () => {
    expect(kindForThrown(Object.assign(new Error('reset'), { code: 'ECONNRESET' }))).toBe('network');
    expect(kindForThrown(Object.assign(new Error('x'), { code: 'API_RESPONSE_TIMEOUT' }))).toBe('network');
    expect(kindForThrown(Object.assign(new Error('bad'), { code: 'invalid_grant' }))).toBe('auth');
    expect(kindForThrown(Object.assign(new Error('<html>'), { code: 'REFRESH_ACCESS_TOKEN_PARSE_ERROR' }))).toBe('server');
  });

  it('retry only what can heal by itself', () => {
    expect(['throttled', 'server', 'network', 'invalid-response'].every((k) => isRetryable(k as never))).toBe(true);
    expect(['auth', 'invalid-input', 'not-found'].some((k) => isRetryable(k as never))).toBe(false);
  });
});
