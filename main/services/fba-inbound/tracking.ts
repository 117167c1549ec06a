import { findAmazonCarrier, validateTracking } from '../../../shared/carriers';
import type { OperationProblem, TrackingMode, UploadTrackingInput } from '../../../shared/domain/fba-inbound';
import { AppError } from '../../../shared/ipc/errors';
import type { Queryable } from '../../db/connection';
import type { InboundTrackingInput } from '../../spapi/amazon-api';
import type { InboundShipment } from '../../spapi/schemas/inbound';
import { patchShipmentBox, type ShipmentBoxRow, type ShipmentRow } from './plans.repo';

/** Amazon's own limits (SpdTrackingItemInput.trackingId, LtlTrackingDetailInput.freightBillNumber). */
const MAX_TRACKING = 64;
const FREIGHT_BILL = /^[a-zA-Z0-9-._ ]{1,64}$/;

/** Amazon statuses from which it no longer takes tracking: the goods are there. */
const RECEIVED = new Set(['DELIVERED', 'CHECKED_IN', 'RECEIVING', 'CLOSED', 'CANCELLED', 'DELETED']);

export const trackingClosed = (s: ShipmentRow): boolean => s.closed_at !== null || RECEIVED.has(s.status ?? '');

export interface CheckedTracking {
  mode: TrackingMode;
  carrier: string | null;
  /** Amazon box id → number (small parcel). */
  numbers: Map<string, string>;
  freightBill: string | null;
  billOfLading: string | null;
}

const refuse = (field: string, reason: string, extra: Record<string, string | number> = {}) => new AppError('invalid-input', { field, reason, ...extra });

/**
 * The local checks of a tracking upload, all before anything is written: one number per box for small parcel (every box,
 * no blanks or spaces, none shared between boxes, the carrier's format where shared/carriers.ts knows it), a freight
 * bill in Amazon's alphabet for freight. Refusals name the box by its number N of the shipment, never the number typed.
 */
export function checkTracking(input: UploadTrackingInput, mode: TrackingMode, boxes: readonly ShipmentBoxRow[]): CheckedTracking {
  const carrierCode = input.carrier?.trim() || null;
  if (carrierCode && !findAmazonCarrier(carrierCode)) throw refuse('carrier', 'unknown-carrier');
  const bol = input.billOfLadingNumber?.trim() || null;

  if (mode === 'ltl') {
    const bill = (input.freightBillNumber ?? input.sameForAll ?? '').trim();
    if (!FREIGHT_BILL.test(bill)) throw refuse('freightBillNumber', 'freight-bill-format');
    return { mode, carrier: carrierCode, numbers: new Map(), freightBill: bill, billOfLading: bol };
  }

  if (input.sameForAll?.trim()) throw refuse('sameForAll', 'tracking-one-per-box');
  if (boxes.length === 0) throw new AppError('conflict', { reason: 'shipment-boxes-unknown' });
  const byBox = new Map(boxes.map((b) => [b.amazon_box_id, b]));
  const given = new Map<string, string>();
  for (const row of input.boxes ?? []) {
    if (!byBox.has(row.boxId)) throw refuse('boxes', 'tracking-unknown-box');
    given.set(row.boxId, row.trackingId.trim());
  }
  const seen = new Map<string, number>();
  for (const box of boxes) {
    const number = given.get(box.amazon_box_id) ?? '';
    const at = { box: box.box_index, boxes: boxes.length };
    if (number === '') throw refuse('boxes', 'tracking-missing', at);
    if (number.length > MAX_TRACKING || /\s/.test(number)) throw refuse('boxes', 'tracking-box-format', at);
    if (carrierCode && validateTracking(carrierCode, number) === 'format') throw refuse('boxes', 'tracking-carrier-format', { ...at, carrier: findAmazonCarrier(carrierCode)?.name ?? carrierCode });
    const other = seen.get(number);
    if (other !== undefined) throw refuse('boxes', 'tracking-one-per-box', { ...at, other });
    seen.set(number, box.box_index);
  }
  return { mode, carrier: carrierCode, numbers: new Map(boxes.map((b) => [b.amazon_box_id, given.get(b.amazon_box_id) ?? ''])), freightBill: null, billOfLading: bol };
}

/** The body Amazon takes, from what is stored for the shipment. */
export function trackingBody(s: ShipmentRow, boxes: readonly ShipmentBoxRow[]): InboundTrackingInput {
  if (s.tracking_mode === 'ltl') return { ltlTrackingDetail: { freightBillNumber: [s.freight_bill_number ?? ''], ...(s.bill_of_lading ? { billOfLadingNumber: s.bill_of_lading } : {}) } };
  return { spdTrackingDetail: { spdTrackingItems: boxes.map((b) => ({ boxId: b.amazon_box_id, trackingId: b.tracking_id ?? '' })) } };
}

/** What was sent, to tell whether the user changed it while Amazon's answer was on its way. */
export const trackingFingerprint = (s: ShipmentRow, boxes: readonly ShipmentBoxRow[]): string => JSON.stringify(trackingBody(s, boxes));

/** Amazon's view of the numbers (and whether it validated them) onto the box rows. */
export async function applyTrackingDetails(db: Queryable, shipmentId: number, details: InboundShipment['trackingDetails']): Promise<void> {
  for (const item of details?.spdTrackingDetail?.spdTrackingItems ?? []) {
    if (!item.boxId) continue;
    await patchShipmentBox(db, shipmentId, item.boxId, { ...(item.trackingId ? { tracking_id: item.trackingId.slice(0, 64) } : {}), tracking_status: item.trackingNumberValidationStatus?.slice(0, 20) ?? null });
  }
}

/** A failed upload's problems split: those that name a box (in `details` or the message) go to that box. */
export function problemsByBox(problems: readonly OperationProblem[], boxIds: readonly string[]): { byBox: Map<string, OperationProblem[]>; rest: OperationProblem[] } {
  const byBox = new Map<string, OperationProblem[]>();
  const rest: OperationProblem[] = [];
  for (const p of problems) {
    const text = `${p.details ?? ''} ${p.message}`;
    const named = boxIds.filter((id) => text.includes(id));
    if (named.length === 0) rest.push(p);
    for (const id of named) byBox.set(id, [...(byBox.get(id) ?? []), p]);
  }
  return { byBox, rest };
}
