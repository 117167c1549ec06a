import { isPlainObject } from './env';

/**
 * The rules of Amazon's `listings-feed-schema-v2` and `listings-feed-message-schema-v2` JSON Schemas, written out by
 * hand: the app ships the simulator for demo mode, and neither a schema validator nor Amazon's schema files ship with
 * it. tests/integration/simulator-reports-feeds.test.ts checks these verdicts against the official schemas with ajv.
 */

const OPERATION_TYPES = ['UPDATE', 'PARTIAL_UPDATE', 'PATCH', 'DELETE'] as const;
const REQUIREMENTS = ['LISTING', 'LISTING_PRODUCT_ONLY', 'LISTING_OFFER_ONLY'] as const;
const OPS = ['add', 'replace', 'merge', 'delete'] as const;
export const FEED_INCLUDED_DATA = ['summaries', 'attributes', 'issues', 'offers', 'fulfillmentAvailability', 'procurement', 'relationships', 'productTypes'] as const;
const MAX_MESSAGE_ID = 2147483647;
const MAX_MESSAGES = 25000;

export type OperationType = (typeof OPERATION_TYPES)[number];

export interface FeedHeader {
  sellerId: string;
  version: '2.0';
  issueLocale?: string;
  report?: { includedData: string[]; apiVersion: '2021-08-01' };
}

/** Problems with the document as a whole (no message can be read); empty when the envelope is valid. */
export function envelopeProblems(doc: unknown): string[] {
  const out: string[] = [];
  if (!isPlainObject(doc)) return ['the document must be a JSON object with header and messages'];
  const h = doc.header;
  if (!isPlainObject(h)) out.push('header is required and must be an object');
  else {
    if (typeof h.sellerId !== 'string') out.push('header.sellerId is required and must be a string');
    if (h.version !== '2.0') out.push('header.version must be "2.0"');
    if (h.issueLocale !== undefined && typeof h.issueLocale !== 'string') out.push('header.issueLocale must be a string');
    if (h.report !== undefined) {
      const r = h.report;
      if (!isPlainObject(r)) out.push('header.report must be an object');
      else {
        if (!Array.isArray(r.includedData) || r.includedData.length === 0) out.push('header.report.includedData must list at least one data set');
        else if (!r.includedData.every((x) => (FEED_INCLUDED_DATA as readonly unknown[]).includes(x))) out.push(`header.report.includedData values must be among ${FEED_INCLUDED_DATA.join(', ')}`);
        if (r.apiVersion !== '2021-08-01') out.push('header.report.apiVersion must be "2021-08-01"');
      }
    }
  }
  const m = doc.messages;
  if (!Array.isArray(m)) out.push('messages is required and must be an array');
  else if (m.length === 0) out.push('messages must hold at least 1 message');
  else if (m.length > MAX_MESSAGES) out.push(`messages must hold at most ${MAX_MESSAGES} messages`);
  return out;
}

/** Problems of one message against the message schema (including its operationType-specific oneOf branch). */
export function messageProblems(msg: unknown): string[] {
  const out: string[] = [];
  if (!isPlainObject(msg)) return ['a message must be an object'];
  const id = msg.messageId;
  if (id === undefined) out.push('messageId is required');
  else if (typeof id !== 'number' || !Number.isInteger(id) || id < 1 || id > MAX_MESSAGE_ID) out.push(`messageId must be an integer from 1 to ${MAX_MESSAGE_ID}`);
  if (msg.sku === undefined) out.push('sku is required');
  else if (typeof msg.sku !== 'string' || msg.sku.length === 0) out.push('sku must be a non-empty string');
  const op = msg.operationType;
  if (op === undefined) out.push('operationType is required');
  else if (!OPERATION_TYPES.includes(op as OperationType)) out.push(`operationType must be one of ${OPERATION_TYPES.join(', ')}`);

  if (msg.productType !== undefined && (typeof msg.productType !== 'string' || msg.productType.length === 0)) out.push('productType must be a non-empty string');
  if (msg.requirements !== undefined && !(REQUIREMENTS as readonly unknown[]).includes(msg.requirements)) out.push(`requirements must be one of ${REQUIREMENTS.join(', ')}`);
  if (msg.attributes !== undefined && (!isPlainObject(msg.attributes) || Object.keys(msg.attributes).length === 0)) out.push('attributes must be an object with at least one attribute');
  if (msg.patches !== undefined) {
    if (!Array.isArray(msg.patches) || msg.patches.length === 0) out.push('patches must be an array of at least one patch');
    else {
      msg.patches.forEach((p: unknown, i: number) => {
        if (!isPlainObject(p)) return out.push(`patches[${i}] must be an object`);
        if (!(OPS as readonly unknown[]).includes(p.op)) out.push(`patches[${i}].op must be one of ${OPS.join(', ')}`);
        if (typeof p.path !== 'string') out.push(`patches[${i}].path is required and must be a string`);
        if (p.value !== undefined && (!Array.isArray(p.value) || !p.value.every(isPlainObject))) out.push(`patches[${i}].value must be an array of objects`);
        return undefined;
      });
    }
  }

  // The oneOf: which fields each operation type needs, and which it must not carry.
  const has = (k: string) => msg[k] !== undefined;
  const branch: Record<OperationType, { needs: string[]; forbids: string[] }> = {
    UPDATE: { needs: ['productType', 'attributes'], forbids: ['patches'] },
    DELETE: { needs: [], forbids: ['requirements', 'attributes', 'productType', 'patches'] },
    PARTIAL_UPDATE: { needs: ['productType', 'attributes'], forbids: ['requirements', 'patches'] },
    PATCH: { needs: ['productType', 'patches'], forbids: ['requirements', 'attributes'] },
  };
  const rule = branch[op as OperationType] as { needs: string[]; forbids: string[] } | undefined;
  if (rule) {
    for (const k of rule.needs) if (!has(k)) out.push(`${k} is required for ${String(op)}`);
    for (const k of rule.forbids) if (has(k)) out.push(`${k} is not allowed for ${String(op)}`);
  }
  return out;
}
