import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Encrypts LWA secrets at rest. In the app this is Electron's safeStorage (the OS keychain / DPAPI / libsecret),
 * injected by main/index.ts. The CLI and tests, which run without Electron, use the key-file box: AES-256-GCM with a
 * random 32-byte key in `<data dir>/credentials.key`, created with mode 0600. Anyone who can read both the key file and
 * the database can read the secrets, so the key file must stay in the user's private data folder.
 */
export interface SecretBox {
  readonly kind: 'safe-storage' | 'key-file';
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
}

export function keyFileSecretBox(dataDir: string): SecretBox {
  const keyPath = path.join(dataDir, 'credentials.key');
  let key: Buffer;
  try {
    key = Buffer.from(fs.readFileSync(keyPath, 'utf8').trim(), 'base64');
  } catch {
    key = crypto.randomBytes(32);
    fs.writeFileSync(keyPath, key.toString('base64'), { mode: 0o600, flag: 'wx' });
  }
  if (key.length !== 32) throw new Error(`credentials key at ${keyPath} is not 32 bytes`);

  return {
    kind: 'key-file',
    encrypt(plain) {
      const iv = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `v1.${iv.toString('base64')}.${cipher.getAuthTag().toString('base64')}.${body.toString('base64')}`;
    },
    decrypt(sealed) {
      const [version, iv, tag, body] = sealed.split('.');
      if (version !== 'v1' || !iv || !tag || !body) throw new Error('unreadable sealed secret');
      const decipher = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
      decipher.setAuthTag(Buffer.from(tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
    },
  };
}
