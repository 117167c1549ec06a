import { amazonError, invalidInput, type RouteContext, type SimResponse } from '../../http-types';
import type { InboundService } from './service';
import { renderLabelsPdf, type LabelSpec } from './labels';
import type { BoxRecord } from './records';

const PAGE_TYPES = new Set([
  'PackageLabel_Letter_2', 'PackageLabel_Letter_4', 'PackageLabel_Letter_6', 'PackageLabel_Letter_6_CarrierLeft', 'PackageLabel_A4_2', 'PackageLabel_A4_4',
  'PackageLabel_Plain_Paper', 'PackageLabel_Plain_Paper_CarrierBottom', 'PackageLabel_Thermal', 'PackageLabel_Thermal_Unified', 'PackageLabel_Thermal_NonPCP',
  'PackageLabel_Thermal_No_Carrier_Rotation',
]);
/** Labels exist once transportation is confirmed, and stay printable while the shipment travels. */
const LABELLED = new Set(['READY_TO_SHIP', 'SHIPPED', 'IN_TRANSIT', 'DELIVERED', 'CHECKED_IN', 'RECEIVING', 'CLOSED']);

const v0Error = (status: number, code: string, message: string): SimResponse => amazonError(status, code, message);

function positiveInt(raw: string | null): number | null | undefined {
  if (raw === null) return undefined;
  const n = Number(raw);
  return Number.isInteger(n) && n >= 1 ? n : null;
}

function contentsLine(b: BoxRecord): string {
  if (b.items.size === 0) return b.contentSource === 'BARCODE_2D' ? 'Contents: 2D barcode' : 'Contents: manual processing';
  if (b.items.size > 1) return `Mixed SKUs: ${b.items.size} SKUs, ${[...b.items.values()].reduce((a, n) => a + n, 0)} units`;
  const [msku, qty] = [...b.items][0] ?? ['', 0];
  return `Single SKU: ${msku} x ${qty}`;
}

function weightText(b: BoxRecord): string {
  return `${b.weight.value} ${b.weight.unit}`;
}

/**
 * The two Fulfillment Inbound v0 operations that still matter with 2024-03-20: getLabels (carton and pallet labels,
 * a PDF behind a URL that lives 15 wall-clock seconds) and getShipmentItemsByShipmentId (receiving progress). Both
 * take the shipment's confirmation id (`FBA1…`), as v0 always did.
 */
export function labelRoutes(service: InboundService) {
  const getLabels = (ctx: RouteContext): SimResponse => {
    const pageType = ctx.query.get('PageType');
    const labelType = ctx.query.get('LabelType');
    if (!pageType || !PAGE_TYPES.has(pageType)) return invalidInput('PageType is required and must be one of the documented page types.');
    if (!labelType || !['BARCODE_2D', 'UNIQUE', 'PALLET'].includes(labelType)) return invalidInput('LabelType is required and must be BARCODE_2D, UNIQUE or PALLET.');
    const numberOfPackages = positiveInt(ctx.query.get('NumberOfPackages'));
    const numberOfPallets = positiveInt(ctx.query.get('NumberOfPallets'));
    if (numberOfPackages === null) return invalidInput('NumberOfPackages must be a positive integer.');
    if (numberOfPallets === null) return invalidInput('NumberOfPallets must be a positive integer.');
    const found = service.byConfirmationId(ctx.seller.sellerId, ctx.params.shipmentId ?? '');
    if (!found) return v0Error(404, 'NotFound', `Shipment ${ctx.params.shipmentId} was not found.`);
    const { plan, shipment } = found;
    if (!LABELLED.has(shipment.status) || !shipment.confirmationId) {
      return invalidInput(`Labels for shipment ${shipment.confirmationId} are available once its transportation is confirmed (it is ${shipment.status}).`);
    }
    const base = {
      shipmentName: shipment.name,
      confirmationId: shipment.confirmationId,
      shipFrom: plan.sourceAddress,
      shipTo: { ...shipment.destination.address, warehouseId: shipment.destination.warehouseId },
    };
    let labels: LabelSpec[];
    if (labelType === 'PALLET') {
      if (!numberOfPallets) return invalidInput('NumberOfPallets is required for PALLET labels.');
      // "This returns four identical labels for each pallet."
      labels = Array.from({ length: numberOfPallets }, (_, i) => i + 1).flatMap((n) =>
        Array.from({ length: 4 }, () => ({ ...base, code: `${shipment.confirmationId}PLT${String(n).padStart(3, '0')}`, title: 'PALLET', sequence: `Pallet ${n} of ${numberOfPallets}` })),
      );
    } else {
      const boxes = shipment.boxes ?? [];
      const wanted = ctx.query.get('PackageLabelsToPrint');
      let chosen = boxes;
      if (wanted !== null) {
        const ids = wanted.split(',').filter(Boolean);
        const unknown = ids.filter((id) => !boxes.some((b) => b.boxId === id));
        if (unknown.length > 0 || ids.length === 0) return v0Error(400, 'IncorrectPackageIdentifier', `PackageLabelsToPrint must list box ids of shipment ${shipment.confirmationId} (see listShipmentBoxes).`);
        chosen = boxes.filter((b) => b.boxId !== undefined && ids.includes(b.boxId));
      } else if (numberOfPackages !== undefined && numberOfPackages !== boxes.length) {
        return invalidInput(`NumberOfPackages is ${numberOfPackages} but shipment ${shipment.confirmationId} has ${boxes.length} boxes.`);
      }
      labels = chosen.map((b) => ({
        ...base,
        code: b.boxId ?? b.packageId,
        title: contentsLine(b),
        sequence: `Box ${boxes.indexOf(b) + 1} of ${boxes.length}`,
        weight: weightText(b),
      }));
    }
    const amzDate = ctx.clock.now().toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
    return { status: 200, body: { payload: { DownloadURL: service.labels.publish(renderLabelsPdf(labels), amzDate) } } };
  };

  const getShipmentItemsByShipmentId = (ctx: RouteContext): SimResponse => {
    if (ctx.query.get('MarketplaceId') !== null && ctx.query.get('MarketplaceId') === '') return invalidInput('MarketplaceId must not be empty.');
    const found = service.byConfirmationId(ctx.seller.sellerId, ctx.params.shipmentId ?? '');
    if (!found) return v0Error(404, 'NotFound', `Shipment ${ctx.params.shipmentId} was not found.`);
    const { plan, shipment } = found;
    const fnsku = new Map(plan.items.map((i) => [i.msku, i.fnsku]));
    // QuantityReceived includes an overage, as Seller Central shows it; a shortage stays below QuantityShipped.
    const ItemData = [...shipment.items].map(([msku, qty]) => ({
      ShipmentId: shipment.confirmationId,
      SellerSKU: msku,
      FulfillmentNetworkSKU: fnsku.get(msku) ?? '',
      QuantityShipped: qty,
      QuantityReceived: shipment.received.get(msku) ?? 0,
      QuantityInCase: 0,
    }));
    return { status: 200, body: { payload: { ItemData } } };
  };

  return { getLabels, getShipmentItemsByShipmentId };
}
