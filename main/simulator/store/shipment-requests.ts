import { isAmazonCarrierCode } from '../../../shared/carriers';

/**
 * Parsing of the Orders v0 write bodies (`ConfirmShipmentRequest`, `UpdateShipmentStatusRequest` in
 * orders-v0.json). The server hands the store whatever JSON it received, so every field is checked here and
 * the message says which one is wrong, like Amazon's `InvalidInput` answers.
 */

export interface ConfirmShipmentInput {
  marketplaceId: string;
  packageReferenceId: string;
  carrierCode: string;
  carrierName?: string;
  shippingMethod?: string;
  trackingNumber: string;
  shipDate: number;
  shipFromSupplySourceId?: string;
  orderItems: { orderItemId: string; quantity: number; transparencyCodes?: string[] }[];
  codCollectionMethod?: 'DirectPayment';
}

export type ShipmentStatus = 'ReadyForPickup' | 'PickedUp' | 'RefusedPickup';

export interface UpdateShipmentStatusInput {
  marketplaceId: string;
  shipmentStatus: ShipmentStatus;
  orderItems?: { orderItemId: string; quantity?: number }[];
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/i;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim().length > 0;
}

function optionalString(obj: Json, key: string, path: string): string | undefined | Error {
  const value = obj[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') return new Error(`${path}${key} must be a string.`);
  return value;
}

function positiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1;
}

export function parseConfirmShipment(body: unknown): Parsed<ConfirmShipmentInput> {
  const fail = (message: string): Parsed<ConfirmShipmentInput> => ({ ok: false, message });
  if (!isObject(body)) return fail('The request body must be a ConfirmShipmentRequest JSON object.');
  if (!nonEmptyString(body.marketplaceId)) return fail('marketplaceId is required.');
  const cod = body.codCollectionMethod;
  if (cod !== undefined && cod !== 'DirectPayment') return fail('codCollectionMethod must be DirectPayment.');
  const detail = body.packageDetail;
  if (!isObject(detail)) return fail('packageDetail is required.');
  const p = 'packageDetail.';

  const ref = detail.packageReferenceId;
  if (!nonEmptyString(ref)) return fail(`${p}packageReferenceId is required.`);
  if (!/^[1-9]\d{0,17}$/.test(ref)) return fail(`${p}packageReferenceId must be a positive number, for example "1" (got "${ref}").`);
  if (!nonEmptyString(detail.carrierCode)) return fail(`${p}carrierCode is required.`);
  const carrierName = optionalString(detail, 'carrierName', p);
  if (carrierName instanceof Error) return fail(carrierName.message);
  if (detail.carrierCode === 'Other' && !nonEmptyString(carrierName)) return fail(`${p}carrierName is required when carrierCode is "Other".`);
  // Amazon matches carrier codes exactly against its list; anything else is refused, not stored as typed.
  if (!isAmazonCarrierCode(detail.carrierCode)) return fail(`${p}carrierCode "${detail.carrierCode}" is not a valid carrier code. Use a code from Amazon's carrier list, or "Other" with carrierName.`);
  const shippingMethod = optionalString(detail, 'shippingMethod', p);
  if (shippingMethod instanceof Error) return fail(shippingMethod.message);
  if (!nonEmptyString(detail.trackingNumber)) return fail(`${p}trackingNumber is required.`);
  const shipDateRaw = detail.shipDate;
  if (!nonEmptyString(shipDateRaw)) return fail(`${p}shipDate is required.`);
  const shipDate = Date.parse(shipDateRaw);
  if (!RFC3339.test(shipDateRaw) || !Number.isFinite(shipDate)) return fail(`${p}shipDate must be an ISO 8601 date-time such as 2026-03-01T09:30:00Z (got "${shipDateRaw}").`);
  const supplySource = optionalString(detail, 'shipFromSupplySourceId', p);
  if (supplySource instanceof Error) return fail(supplySource.message);

  const items = detail.orderItems;
  if (!Array.isArray(items) || items.length === 0) return fail(`${p}orderItems must list at least one order item.`);
  const orderItems: ConfirmShipmentInput['orderItems'] = [];
  for (const [i, raw] of items.entries()) {
    const at = `${p}orderItems[${i}].`;
    if (!isObject(raw)) return fail(`${p}orderItems[${i}] must be an object.`);
    if (!nonEmptyString(raw.orderItemId)) return fail(`${at}orderItemId is required.`);
    if (!positiveInteger(raw.quantity)) return fail(`${at}quantity must be a whole number of at least 1.`);
    const codes = raw.transparencyCodes;
    if (codes !== undefined && (!Array.isArray(codes) || !codes.every((c) => typeof c === 'string'))) return fail(`${at}transparencyCodes must be a list of strings.`);
    orderItems.push({ orderItemId: raw.orderItemId, quantity: raw.quantity, ...(codes ? { transparencyCodes: [...(codes as string[])] } : {}) });
  }

  return {
    ok: true,
    value: {
      marketplaceId: body.marketplaceId,
      packageReferenceId: ref,
      carrierCode: detail.carrierCode,
      ...(carrierName !== undefined ? { carrierName } : {}),
      ...(shippingMethod !== undefined ? { shippingMethod } : {}),
      trackingNumber: detail.trackingNumber,
      shipDate,
      ...(supplySource !== undefined ? { shipFromSupplySourceId: supplySource } : {}),
      orderItems,
      ...(cod ? { codCollectionMethod: cod } : {}),
    },
  };
}

/** Canonical form of a confirmation, to tell an identical retry from a conflicting reuse of a packageReferenceId. */
export function confirmationFingerprint(input: ConfirmShipmentInput): string {
  const items = [...input.orderItems].sort((a, b) => (a.orderItemId < b.orderItemId ? -1 : a.orderItemId > b.orderItemId ? 1 : a.quantity - b.quantity));
  return JSON.stringify([
    input.marketplaceId,
    input.packageReferenceId,
    input.carrierCode,
    input.carrierName ?? null,
    input.shippingMethod ?? null,
    input.trackingNumber,
    input.shipDate,
    input.shipFromSupplySourceId ?? null,
    input.codCollectionMethod ?? null,
    items.map((i) => [i.orderItemId, i.quantity, i.transparencyCodes ?? null]),
  ]);
}

const SHIPMENT_STATUSES: readonly ShipmentStatus[] = ['ReadyForPickup', 'PickedUp', 'RefusedPickup'];

export function parseUpdateShipmentStatus(body: unknown): Parsed<UpdateShipmentStatusInput> {
  const fail = (message: string): Parsed<UpdateShipmentStatusInput> => ({ ok: false, message });
  if (!isObject(body)) return fail('The request body must be an UpdateShipmentStatusRequest JSON object.');
  if (!nonEmptyString(body.marketplaceId)) return fail('marketplaceId is required.');
  const status = body.shipmentStatus;
  if (typeof status !== 'string' || !(SHIPMENT_STATUSES as readonly string[]).includes(status)) return fail(`shipmentStatus must be one of ${SHIPMENT_STATUSES.join(', ')}.`);
  const items = body.orderItems;
  if (items === undefined) return { ok: true, value: { marketplaceId: body.marketplaceId, shipmentStatus: status as ShipmentStatus } };
  if (!Array.isArray(items) || items.length === 0) return fail('orderItems, when given, must list at least one order item.');
  const orderItems: NonNullable<UpdateShipmentStatusInput['orderItems']> = [];
  for (const [i, raw] of items.entries()) {
    if (!isObject(raw) || !nonEmptyString(raw.orderItemId)) return fail(`orderItems[${i}].orderItemId is required.`);
    if (raw.quantity !== undefined && !positiveInteger(raw.quantity)) return fail(`orderItems[${i}].quantity must be a whole number of at least 1.`);
    orderItems.push({ orderItemId: raw.orderItemId, ...(raw.quantity !== undefined ? { quantity: raw.quantity as number } : {}) });
  }
  return { ok: true, value: { marketplaceId: body.marketplaceId, shipmentStatus: status as ShipmentStatus, orderItems } };
}
