import crypto from 'node:crypto';
import type { Queryable } from '../../db/connection';
import { deleteAllSearchTokens, deleteSearchTokens, insertSearchTokens } from '../../db/repositories/orders-list.repo';
import { getSetting, putSetting } from '../../db/repositories/settings.repo';
import type { SecretBox } from '../../spapi/secret-box';
import type { OrderRow } from '../../db/repositories/orders.repo';
import type { SpOrder } from '../../spapi/schemas/orders';
import { searchableNames } from '../../sync/jobs/order-mapping';

/**
 * Blind index for names: an order is findable by its buyer's or recipient's name through HMAC-SHA256 hashes of the
 * name's normalised words. The HMAC key comes from a random seed sealed by the secret box (the OS keychain or the key
 * file), so the database alone neither holds nor reveals a name, and a dictionary attack needs the box.
 */

const KEY_SETTING = 'orders.searchKey';
const KEY_INFO = 'erp/order-search-tokens/v1';
/** 128 bits of the HMAC: enough to make a collision between two names irrelevant, half the index size. */
const HASH_HEX_CHARS = 32;

const keyCache = new WeakMap<SecretBox, Map<string, Buffer>>();

function deriveKey(seed: Buffer): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', seed, Buffer.alloc(0), KEY_INFO, 32));
}

function unsealCached(box: SecretBox, sealed: string): Buffer | null {
  let byBox = keyCache.get(box);
  if (!byBox) keyCache.set(box, (byBox = new Map()));
  const hit = byBox.get(sealed);
  if (hit) return hit;
  try {
    const key = deriveKey(Buffer.from(box.decrypt(sealed), 'base64'));
    byBox.set(sealed, key);
    return key;
  } catch {
    return null;
  }
}

/**
 * The HMAC key, created on first use. A seed the box can no longer open (the keychain was reset) is replaced and the
 * old hashes dropped: they could never be matched again, and the start-up pass rebuilds what can still be unsealed.
 */
export async function searchKey(db: Queryable, box: SecretBox, opts: { create: boolean; now: string }): Promise<Buffer | null> {
  const stored = (await getSetting(db, KEY_SETTING)) as { sealed?: unknown } | undefined;
  if (stored && typeof stored.sealed === 'string') {
    const key = unsealCached(box, stored.sealed);
    if (key) return key;
  }
  if (!opts.create) return null;
  if (stored) await deleteAllSearchTokens(db);
  const sealed = box.encrypt(crypto.randomBytes(32).toString('base64'));
  await putSetting(db, KEY_SETTING, { sealed }, opts.now);
  return unsealCached(box, sealed);
}

/**
 * Words of a name as a clerk would type them: Unicode-compatibility folded, lower case, accents dropped and ß spelled
 * ss ("Müller" meets "muller", "Weiß" meets "weiss"), split on anything that is not a letter or digit. Single Latin letters (initials) are left out; a
 * single CJK character is a word.
 */
export function nameWords(text: string): string[] {
  const folded = text.normalize('NFKD').replace(/\p{M}+/gu, '').normalize('NFC').toLowerCase().replace(/ß/g, 'ss');
  return folded.split(/[^\p{L}\p{N}]+/u).filter((w) => [...w].length >= 2 || /\p{Script=Han}|\p{Script=Hiragana}|\p{Script=Katakana}|\p{Script=Hangul}/u.test(w));
}

/** Each word, plus the whole name without separators ("山田太郎" finds "山田 太郎"). */
export function nameTokens(text: string): string[] {
  const words = nameWords(text);
  const tokens = new Set(words.map((w) => `w:${w}`));
  if (words.length > 1) tokens.add(`w:${words.join('')}`);
  return [...tokens];
}

export function hashToken(key: Buffer, token: string): string {
  return crypto.createHmac('sha256', key).update(token, 'utf8').digest('hex').slice(0, HASH_HEX_CHARS);
}

export function tokenHashes(key: Buffer, names: readonly string[]): string[] {
  return [...new Set(names.flatMap(nameTokens).map((t) => hashToken(key, t)))];
}

/**
 * What a search text must match: every word's hash (AND), or the hash of the words run together. Null when the text
 * has no usable word.
 */
export function queryHashes(key: Buffer, text: string): { words: string[]; joined: string | null } | null {
  // Six words narrow any name enough; more would only lengthen the query.
  const words = [...new Set(nameWords(text))].slice(0, 6);
  if (words.length === 0) return null;
  return { words: words.map((w) => hashToken(key, `w:${w}`)), joined: words.length > 1 ? hashToken(key, `w:${words.join('')}`) : null };
}

/**
 * Replaces the index rows of the given orders inside the caller's transaction (the orders job's page, so an order and
 * its hashes commit together). An order with no names (purged, or Amazon sent none) ends up with no rows.
 */
export async function replaceSearchTokens(trx: Queryable, box: SecretBox, entries: readonly { orderId: string; names: readonly string[] }[], now: string): Promise<void> {
  if (entries.length === 0) return;
  await deleteSearchTokens(trx, entries.map((e) => e.orderId));
  if (!entries.some((e) => e.names.length > 0)) return;
  const key = await searchKey(trx, box, { create: true, now });
  if (!key) return;
  await insertSearchTokens(
    trx,
    entries.flatMap((e) => tokenHashes(key, e.names).map((token_hash) => ({ order_id: e.orderId, token_hash }))),
  );
}

/**
 * The orders job's part: index the names of the orders it just stored, from the clear text it holds in memory anyway.
 * A column the mapping left empty (purged, or not sent) contributes no name.
 */
export async function indexOrderNames(trx: Queryable, box: SecretBox, page: readonly SpOrder[], stored: readonly Pick<OrderRow, 'id' | 'buyer_enc' | 'recipient_enc'>[], now: string): Promise<void> {
  const byId = new Map(page.map((o) => [o.orderId, o]));
  const entries = stored.map((row) => {
    const o = byId.get(row.id);
    const names = o ? searchableNames({ buyer: row.buyer_enc ? (o.buyer ?? null) : null, recipient: row.recipient_enc ? (o.recipient ?? null) : null }) : [];
    return { orderId: row.id, names };
  });
  await replaceSearchTokens(trx, box, entries, now);
}
