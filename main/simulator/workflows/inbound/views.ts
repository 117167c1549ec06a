import { amountOf, rulesFor } from './rules';
import type {
  AddressRecord, BoxRecord, DeliveryWindowRecord, Fee, PackingOptionRecord, PlacementOptionRecord, PlanItem, PlanRecord, ShipmentRecord, TransportationOptionRecord,
} from './records';

/** Record → JSON in the model's shapes (fulfillment-inbound-2024-03-20.json definitions of the same names). */

export const isoSeconds = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
export const isoMillis = (ms: number): string => new Date(ms).toISOString();

export function addressView(a: AddressRecord): Record<string, string> {
  return Object.fromEntries(Object.entries(a).filter(([, v]) => typeof v === 'string' && v !== '')) as Record<string, string>;
}

export function planSummaryView(plan: PlanRecord) {
  return {
    inboundPlanId: plan.inboundPlanId,
    name: plan.name,
    createdAt: isoSeconds(plan.createdAt),
    lastUpdatedAt: isoSeconds(plan.lastUpdatedAt),
    status: plan.status,
    marketplaceIds: [plan.marketplaceId],
    sourceAddress: addressView(plan.sourceAddress),
  };
}

export function planView(plan: PlanRecord) {
  const placement = plan.confirmedPlacementOptionId
    ? plan.placementOptions.filter((p) => p.placementOptionId === plan.confirmedPlacementOptionId)
    : plan.placementOptions;
  const chosen = placement.length === 1 && plan.confirmedPlacementOptionId ? placement[0] : undefined;
  return {
    ...planSummaryView(plan),
    packingOptions: plan.packingOptions.map((o) => ({ packingOptionId: o.packingOptionId, status: o.status })),
    placementOptions: placement.map((o) => ({ placementOptionId: o.placementOptionId, status: o.status })),
    shipments: (chosen?.shipmentIds ?? []).flatMap((id) => {
      const s = plan.shipments.get(id);
      return s ? [{ shipmentId: s.shipmentId, status: s.status }] : [];
    }),
  };
}

export function itemView(item: PlanItem, quantity: number, currency: string) {
  const labeling = item.labelOwner === 'NONE'
    ? { prepType: 'ITEM_NO_PREP', prepOwner: 'NONE' }
    : {
        prepType: 'ITEM_LABELING',
        prepOwner: item.labelOwner,
        // Amazon's FNSKU labelling service is charged per unit; the seller's own labels cost nothing.
        ...(item.labelOwner === 'AMAZON' ? { fee: { code: currency, amount: amountOf(currency === 'JPY' ? 30 : 55, currency) } } : {}),
      };
  return {
    msku: item.msku,
    asin: item.asin,
    fnsku: item.fnsku,
    labelOwner: item.labelOwner,
    quantity,
    prepInstructions: [labeling],
    ...(item.expiration ? { expiration: item.expiration } : {}),
    ...(item.manufacturingLotCode ? { manufacturingLotCode: item.manufacturingLotCode } : {}),
  };
}

export function feeView(fee: Fee, type: 'FEE' | 'DISCOUNT', currency: string) {
  return { type, target: fee.target, description: fee.description, value: { code: currency, amount: amountOf(fee.amountMinor, currency) } };
}

export function packingOptionView(o: PackingOptionRecord, marketplaceId: string) {
  const rules = rulesFor(marketplaceId);
  const max = rules?.maxBoxWeight ?? { value: 50, unit: 'LB' as const };
  const parcel = { solution: 'AMAZON_PARTNERED_CARRIER', modes: ['GROUND_SMALL_PARCEL'] };
  const own = { solution: 'USE_YOUR_OWN_CARRIER', modes: ['GROUND_SMALL_PARCEL'] };
  return {
    packingOptionId: o.packingOptionId,
    packingGroups: o.packingGroupIds,
    status: o.status,
    expiration: isoMillis(o.expiresAt),
    fees: [],
    discounts: [],
    supportedConfigurations: [
      {
        boxPackingMethods: ['BOX_CONTENT_PROVIDED', 'BARCODE_2D', 'MANUAL_PROCESS'],
        boxRequirements: { weight: { unit: max.unit, minimum: 0, maximum: max.value } },
        shippingRequirements: [parcel, own],
      },
    ],
    supportedShippingConfigurations: [
      { shippingSolution: 'AMAZON_PARTNERED_CARRIER', shippingMode: 'GROUND_SMALL_PARCEL' },
      { shippingSolution: 'USE_YOUR_OWN_CARRIER', shippingMode: 'GROUND_SMALL_PARCEL' },
    ],
  };
}

export function placementOptionView(o: PlacementOptionRecord, currency: string) {
  return {
    placementOptionId: o.placementOptionId,
    status: o.status,
    expiration: isoMillis(o.expiresAt),
    fees: o.fees.map((f) => feeView(f, 'FEE', currency)),
    discounts: o.discounts.map((f) => feeView(f, 'DISCOUNT', currency)),
    shipmentIds: o.shipmentIds,
  };
}

export function boxView(box: BoxRecord, plan: PlanRecord, destination?: ShipmentRecord) {
  const byMsku = new Map(plan.items.map((i) => [i.msku, i]));
  const currency = rulesFor(plan.marketplaceId)?.currency ?? 'USD';
  return {
    packageId: box.packageId,
    ...(box.boxId ? { boxId: box.boxId } : {}),
    contentInformationSource: box.contentSource,
    dimensions: box.dimensions,
    weight: box.weight,
    quantity: 1,
    items: [...box.items].flatMap(([msku, qty]) => {
      const item = byMsku.get(msku);
      return item && qty > 0 ? [itemView(item, qty, currency)] : [];
    }),
    ...(destination
      ? { destinationRegion: { countryCode: destination.destination.address.countryCode, state: destination.destination.address.stateOrProvinceCode ?? '', warehouseId: destination.destination.warehouseId } }
      : {}),
    ...(box.boxId ? { externalContainerIdentifier: box.boxId, externalContainerIdentifierType: 'AMAZON' } : {}),
  };
}

export function shipmentView(s: ShipmentRecord, plan: PlanRecord) {
  const partnered = plan.transportationOptions.find((t) => t.transportationOptionId === s.transportationOptionId)?.solution === 'AMAZON_PARTNERED_CARRIER';
  return {
    shipmentId: s.shipmentId,
    placementOptionId: s.placementOptionId,
    name: s.name,
    status: s.status,
    ...(s.confirmationId ? { shipmentConfirmationId: s.confirmationId } : {}),
    ...(partnered && s.confirmationId ? { amazonReferenceId: `${s.confirmationId.slice(4)}P` } : {}),
    source: { sourceType: 'SELLER_FACILITY', address: addressView(plan.sourceAddress) },
    destination: { destinationType: 'AMAZON_WAREHOUSE', warehouseId: s.destination.warehouseId, address: addressView(s.destination.address) },
    ...(s.readyToShip ? { dates: { readyToShipWindow: { start: isoSeconds(s.readyToShip.start), end: isoSeconds(s.readyToShip.end) } } } : {}),
    ...(s.transportationOptionId ? { selectedTransportationOptionId: s.transportationOptionId } : {}),
    ...(s.deliveryWindow
      ? { selectedDeliveryWindow: { deliveryWindowOptionId: s.deliveryWindow.deliveryWindowOptionId, availabilityType: 'AVAILABLE', startDate: isoMillis(s.deliveryWindow.start), endDate: isoMillis(s.deliveryWindow.end) } }
      : {}),
    ...(s.contact ? { contactInformation: s.contact } : {}),
    ...(s.tracking ? { trackingDetails: trackingView(s) } : {}),
  };
}

function trackingView(s: ShipmentRecord) {
  const t = s.tracking ?? {};
  return {
    ...(t.spd ? { spdTrackingDetail: { spdTrackingItems: t.spd.map((i) => ({ boxId: i.boxId, trackingId: i.trackingId, trackingNumberValidationStatus: i.status })) } } : {}),
    ...(t.ltl ? { ltlTrackingDetail: { freightBillNumber: t.ltl.freightBillNumber, ...(t.ltl.billOfLadingNumber ? { billOfLadingNumber: t.ltl.billOfLadingNumber } : {}) } } : {}),
  };
}

export function transportationOptionView(o: TransportationOptionRecord, currency: string) {
  return {
    transportationOptionId: o.transportationOptionId,
    shipmentId: o.shipmentId,
    shippingSolution: o.solution,
    shippingMode: o.mode,
    carrier: o.carrier,
    preconditions: o.preconditions,
    ...(o.quote
      ? { quote: { cost: { code: currency, amount: amountOf(o.quote.costMinor, currency) }, expiration: isoMillis(o.quote.expiresAt), voidableUntil: isoMillis(o.quote.voidableUntil) } }
      : {}),
  };
}

export function deliveryWindowView(w: DeliveryWindowRecord) {
  return {
    deliveryWindowOptionId: w.deliveryWindowOptionId,
    availabilityType: 'AVAILABLE',
    startDate: isoMillis(w.start),
    endDate: isoMillis(w.end),
    validUntil: isoMillis(w.validUntil),
  };
}
