import crypto from 'node:crypto';
import type { Queryable } from '../../db/connection';
import { getSetting, putSetting } from '../../db/repositories/settings.repo';
import type { SecretBox } from '../../spapi/secret-box';

const KEY_SETTING = 'fulfillment.piiHashKey';

/**
 * The HMAC key for buyer/address hashes, sealed by the secret box in `settings` and created on first use. A keyed hash
 * (not a plain one) because names and addresses are guessable: without the key a copied database does not confirm
 * whether a given person ordered. Returns null when the sealed key cannot be opened (a different machine's key file):
 * duplicate detection is then skipped rather than guessed.
 */
export async function loadHashKey(db: Queryable, box: SecretBox, now: string): Promise<Buffer | null> {
  const sealed = await getSetting(db, KEY_SETTING);
  if (typeof sealed === 'string') {
    try {
      const key = Buffer.from(box.decrypt(sealed), 'base64');
      return key.length === 32 ? key : null;
    } catch {
      return null;
    }
  }
  const key = crypto.randomBytes(32);
  await putSetting(db, KEY_SETTING, box.encrypt(key.toString('base64')), now);
  return key;
}

/** Case, width (全角/半角), spacing and punctuation do not make two addresses different. */
function normalise(part: unknown): string {
  if (typeof part !== 'string') return '';
  return part.normalize('NFKC').toLocaleLowerCase('en').replace(/[\s\p{P}\p{S}]+/gu, '');
}

/** Hex HMAC-SHA256 of the normalised parts, or null when they are all empty (nothing to compare). */
export function keyedHash(key: Buffer, parts: readonly unknown[]): string | null {
  const norm = parts.map(normalise);
  if (norm.every((p) => p.length === 0)) return null;
  return crypto.createHmac('sha256', key).update(norm.join('\u001f')).digest('hex');
}

/** The buyer is their (relay) e-mail when Amazon gives one, else their name. */
export function buyerHash(key: Buffer, buyer: Record<string, unknown> | null): string | null {
  if (!buyer) return null;
  const email = normalise(buyer.buyerEmail);
  return email ? keyedHash(key, ['email', buyer.buyerEmail]) : keyedHash(key, ['name', buyer.buyerName]);
}

/** The place, not the person: street lines, postcode and country. */
export function addressHash(key: Buffer, address: Record<string, unknown> | null): string | null {
  if (!address || !normalise(address.addressLine1)) return null;
  return keyedHash(key, [address.addressLine1, address.addressLine2, address.addressLine3, address.postalCode, address.countryCode]);
}
