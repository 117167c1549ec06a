import type { Knex } from 'knex';
import { CLAIM_WINDOW_DAYS, reconClaimSchema, type ReconClaim, type ReconStockRow } from '../../../shared/domain/reconciliation';
import type { Clock } from '../../clock';
import type { Db } from '../../db/connection';
import { inboundShortages, shipmentBoxes } from './stock-recon.queries';

const DAY = 86_400_000;

interface ClaimRow {
  id: number;
  product_id: number;
  sku: string;
  warehouse_code: string;
  cause: string;
  quantity: number;
  event_at: string;
  deadline_at: string;
  evidence_json: string;
  status: string;
  reason: string;
  created_at: string;
}

/**
 * Reimbursement claim drafts (索赔草稿). Amazon takes claims for units lost inbound or in its fulfilment centres for
 * 60 days from the event, so each draft carries its deadline; the evidence is what Seller Central's form asks for.
 */
export function createClaims(deps: { db: Db; clock: Clock }) {
  async function draft(trx: Knex.Transaction, input: { row: ReconStockRow; baselineAt: string; reason: string; actor: string; now: string }): Promise<{ id: number; deadlineAt: string }> {
    const { row } = input;
    const shipments = [];
    if (row.cause === 'inbound-shortage') {
      for (const s of await inboundShortages(trx, row.productId)) {
        if (s.closed_at === null || s.closed_at <= input.baselineAt) continue;
        shipments.push({ shipmentId: s.amazon_shipment_id, boxes: await shipmentBoxes(trx, s.shipment_id), shipped: Number(s.quantity_shipped), received: Number(s.quantity_received), closedAt: s.closed_at });
      }
    }
    const eventAt = (row.cause === 'inbound-shortage' ? shipments[0]?.closedAt : null) ?? row.since ?? input.now;
    const deadlineAt = new Date(Date.parse(eventAt) + CLAIM_WINDOW_DAYS * DAY).toISOString();
    const fnsku = row.sellerSku
      ? await trx('fba_inventory').where({ store_id: row.storeId, seller_sku: row.sellerSku }).whereNotNull('fnsku').first<{ fnsku: string } | undefined>('fnsku')
      : undefined;
    const evidence: ReconClaim['evidence'] = { sellerSku: row.sellerSku, fnsku: fnsku?.fnsku ?? null, marketplaceId: row.marketplaceId, expected: row.expected, amazon: row.amazon, shipments };
    const [id] = await trx('recon_claims')
      .insert({
        store_id: row.storeId,
        product_id: row.productId,
        warehouse_id: row.warehouseId,
        cause: row.cause,
        quantity: Math.abs(row.deviation),
        event_at: eventAt,
        deadline_at: deadlineAt,
        evidence_json: JSON.stringify(evidence),
        status: 'draft',
        reason: input.reason,
        created_by: input.actor,
        created_at: input.now,
      })
      .returning('id');
    return { id: typeof id === 'object' ? Number((id as { id: number }).id) : Number(id), deadlineAt };
  }

  /** Open drafts first, soonest deadline first. */
  async function list(): Promise<ReconClaim[]> {
    const rows = (await deps.db('recon_claims as c')
      .join('products as p', 'p.id', 'c.product_id')
      .join('warehouses as w', 'w.id', 'c.warehouse_id')
      .select('c.id', 'c.product_id', 'p.sku', 'w.code as warehouse_code', 'c.cause', 'c.quantity', 'c.event_at', 'c.deadline_at', 'c.evidence_json', 'c.status', 'c.reason', 'c.created_at')
      .orderBy([{ column: 'c.deadline_at' }, { column: 'c.id' }])) as ClaimRow[];
    const now = deps.clock.now().getTime();
    return rows.map((r) =>
      reconClaimSchema.parse({
        id: Number(r.id),
        productId: Number(r.product_id),
        sku: r.sku,
        warehouseCode: r.warehouse_code,
        cause: r.cause,
        quantity: Number(r.quantity),
        eventAt: r.event_at,
        deadlineAt: r.deadline_at,
        daysLeft: Math.floor((Date.parse(r.deadline_at) - now) / DAY),
        status: r.status,
        reason: r.reason,
        evidence: JSON.parse(r.evidence_json) as unknown,
        createdAt: r.created_at,
      }),
    );
  }

  return { draft, list };
}
