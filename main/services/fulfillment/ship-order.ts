import type { Knex } from 'knex';
import { AppError } from '../../../shared/ipc/errors';
import type { AuditFn } from '../audit.service';
import type { InventoryService } from '../inventory/inventory.service';
import type { ShipmentsService } from '../shipments.service';

export interface ShipPackageDeps {
  audit: AuditFn;
  inventory: Pick<InventoryService, 'shipOrder' | 'reserveForOrder'>;
  shipments: Pick<ShipmentsService, 'confirmIn'>;
}

export interface ShipPackageInput {
  orderId: string;
  /** The package's warehouse: only what the order holds there leaves (a split order's other packages ship later). */
  warehouseId: number;
  packageNo: number;
  /** Exactly this package's order items when the order has several packages; absent, Amazon's count of what is left. */
  items?: { orderItemId: string; quantity: number }[] | undefined;
  /** The parcel's weight when someone weighed it. */
  weightG: number | null;
  carrierCode: string;
  carrierName?: string | undefined;
  shippingService?: string | undefined;
  trackingNumber: string;
  /**
   * What the box holds, reserved first when the order holds no reservation there (an order allocated before
   * reservations existed), so the ledger still shows where the units left from.
   */
  contents: { productId: number; quantity: number }[];
  /** The caller's audit row: the station records what it counted, a batch where its tracking number came from. */
  auditAction: string;
  auditDetail: Record<string, string | number | null>;
}

/**
 * The tail every way of shipping a package shares, inside the caller's transaction (which has already moved the
 * workflow): the reserved units leave the ledger, the local shipment and Amazon's confirmShipment outbox row are
 * written, and the audit row records it. Used by the packing station and by batch shipping from a carrier's file.
 */
export async function shipPackage(trx: Knex.Transaction, deps: ShipPackageDeps, input: ShipPackageInput): Promise<{ packageReferenceId: string; outboxSeq: number }> {
  const at = { warehouseId: input.warehouseId };
  let left = await deps.inventory.shipOrder(trx, input.orderId, at);
  if (left.length === 0 && input.contents.length > 0) {
    await deps.inventory.reserveForOrder(trx, { orderId: input.orderId, warehouseId: input.warehouseId, lines: input.contents });
    left = await deps.inventory.shipOrder(trx, input.orderId, at);
  }
  if (left.length === 0) throw new AppError('conflict', { reason: 'stock-not-reserved', orderId: input.orderId });

  const confirmation = await deps.shipments.confirmIn(trx, {
    orderId: input.orderId,
    carrierCode: input.carrierCode,
    ...(input.carrierName ? { carrierName: input.carrierName } : {}),
    ...(input.shippingService ? { shippingMethod: input.shippingService } : {}),
    trackingNumber: input.trackingNumber,
    ...(input.items ? { items: input.items } : {}),
    ...(input.weightG !== null ? { weightG: input.weightG } : {}),
    warehouseId: input.warehouseId,
    packageNo: input.packageNo,
  });
  await deps.audit(trx, {
    action: input.auditAction,
    entity: 'order',
    entityId: input.orderId,
    detail: { ...input.auditDetail, warehouseId: input.warehouseId, packageNo: input.packageNo, packageReferenceId: confirmation.packageReferenceId },
  });
  return confirmation;
}
