import type { Knex } from 'knex';
import type { PlanStep, SourceAddress } from '../../../shared/domain/fba-inbound';
import { decimalToMinor } from '../../../shared/money';
import type { Db } from '../../db/connection';
import type { AmazonApi, InboundBoxInput } from '../../spapi/amazon-api';
import type { InboundShipment, PackingOption, PlacementOption, ShipmentBox, TransportationOption } from '../../spapi/schemas/inbound';
import { postShipmentsDeparted, releasePlanReservation } from './ledger-moves';
import { matchShipmentBoxes } from './shipment-boxes';
import { applyTrackingDetails } from './tracking';
import { nextTransportAction } from './transport-windows';
import {
  boxes as boxRows,
  boxItems,
  deliveryWindows,
  replaceDeliveryWindows,
  replaceShipmentBoxes,
  packingOptions,
  placementOptions,
  planItems,
  replacePackingGroupItems,
  replacePackingOptions,
  replacePlacementOptions,
  replaceShipmentItems,
  replaceTransportOptions,
  shipmentItems,
  shipments as shipmentRows,
  patchShipment,
  upsertShipment,
  type PlanPatch,
  type PlanRow,
} from './plans.repo';

export type InboundApi = AmazonApi['inbound'];

export interface StepContext {
  db: Db;
  api: InboundApi;
  now: string;
  actor: string;
}

/** Writes a step's results and says where the plan goes next; runs in the transaction that clears the operation. */
export type StepWriter = (trx: Knex.Transaction) => Promise<{ patch: PlanPatch; stockChanged?: number[] }>;

/**
 * What `send` sent: the operation, and for a step made of several Amazon calls (the delivery windows before the
 * transportation) which call it was and for which shipment, so `collect` reads the right results. `null`: nothing for
 * Amazon now, the user's turn.
 */
export type SentOperation = { operationId: string; amazonPlanId?: string; kind?: string; shipmentId?: number } | null;

/**
 * One Amazon write of the workflow: `send` makes the call (Amazon answers 202 with an operation id); once the operation
 * succeeded, `collect` reads what it produced (options, shipments) outside any transaction and returns the writer.
 */
export interface MutationStep {
  send(ctx: StepContext, plan: PlanRow): Promise<SentOperation>;
  collect(ctx: StepContext, plan: PlanRow): Promise<StepWriter>;
}

const next = (step: PlanStep, status: 'ready' | 'waiting' | 'done'): StepWriter => async () => ({ patch: { step, status } });

/** Amazon's fees as one figure: the sum of the fees (or discounts) in minor units; null when there are none. */
function sumMoney(list: readonly { value: { amount: number; code: string } }[]): { minor: number | null; currency: string | null } {
  if (list.length === 0) return { minor: null, currency: null };
  const currency = list[0]?.value.code ?? null;
  let minor = 0;
  for (const f of list) minor += decimalToMinor(f.value.amount.toFixed(4).replace(/\.?0+$/, ''), f.value.code) ?? 0;
  return { minor, currency };
}

async function allPages<T>(first: (token?: string) => Promise<{ pagination?: { nextToken?: string } | undefined } & T>, take: (page: T) => unknown[]): Promise<unknown[]> {
  const out: unknown[] = [];
  let token: string | undefined;
  for (let i = 0; i < 100; i++) {
    const page = await first(token);
    out.push(...take(page));
    token = page.pagination?.nextToken;
    if (!token) break;
  }
  return out;
}

const planId = (plan: PlanRow): string => {
  if (!plan.amazon_plan_id) throw new Error(`plan ${plan.id} has no Amazon plan id`);
  return plan.amazon_plan_id;
};

/** Amazon wants the box in one unit system; ours is mm and g, which CM and KG carry exactly. */
function boxInput(box: { length_mm: number | null; width_mm: number | null; height_mm: number | null; weight_g: number | null }, items: InboundBoxInput['items']): InboundBoxInput {
  return {
    contentInformationSource: 'BOX_CONTENT_PROVIDED',
    dimensions: { length: (box.length_mm ?? 0) / 10, width: (box.width_mm ?? 0) / 10, height: (box.height_mm ?? 0) / 10, unitOfMeasurement: 'CM' },
    weight: { value: (box.weight_g ?? 0) / 1000, unit: 'KG' },
    quantity: 1,
    items,
  };
}

/**
 * Stores the confirmed placement's shipments with their items, and which packed box Amazon put in which shipment (read
 * with listShipmentBoxes), so carton marks and tracking go per shipment exactly.
 */
async function storeShipments(ctx: StepContext, plan: PlanRow, ids: readonly string[]): Promise<StepWriter> {
  const fetched: { shipment: InboundShipment; items: { msku: string; fnsku: string; quantity: number }[]; boxes: ShipmentBox[] }[] = [];
  for (const shipmentId of ids) {
    const shipment = await ctx.api.getShipment(planId(plan), shipmentId);
    const items = (await allPages((t) => ctx.api.listShipmentItems(planId(plan), shipmentId, t), (p) => p.items)) as { msku: string; fnsku: string; quantity: number }[];
    const boxes = (await allPages((t) => ctx.api.listShipmentBoxes(planId(plan), shipmentId, t), (p) => p.boxes)) as ShipmentBox[];
    fetched.push({ shipment, items, boxes });
  }
  return async (trx) => {
    const lines = await planItems(trx, plan.id);
    const stored: { shipmentId: number; boxes: ShipmentBox[] }[] = [];
    for (const { shipment, items, boxes } of fetched) {
      const id = await upsertShipment(trx, plan.id, {
        amazon_shipment_id: shipment.shipmentId,
        confirmation_id: shipment.shipmentConfirmationId ?? null,
        name: shipment.name ?? null,
        destination_fc: shipment.destination.warehouseId ?? null,
        destination_address_json: shipment.destination.address ? JSON.stringify(shipment.destination.address) : null,
        status: shipment.status ?? null,
        transport_option_id: shipment.selectedTransportationOptionId ?? null,
        tracking_json: shipment.trackingDetails ? JSON.stringify(shipment.trackingDetails) : null,
      });
      await replaceShipmentItems(
        trx,
        id,
        items.map((i) => ({ msku: i.msku, fnsku: i.fnsku, product_id: lines.find((l) => l.msku === i.msku)?.product_id ?? null, quantity_shipped: i.quantity })),
      );
      stored.push({ shipmentId: id, boxes });
    }
    await linkBoxes(trx, plan, stored, ctx.now);
    return { patch: { step: 'generate-transport', status: 'ready' } };
  };
}

/** Amazon's boxes matched to the packed ones; when they cannot all be matched nothing is linked rather than guessed. */
async function linkBoxes(trx: Knex.Transaction, plan: PlanRow, shipments: { shipmentId: number; boxes: ShipmentBox[] }[], now: string): Promise<void> {
  const lines = new Map((await planItems(trx, plan.id)).map((i) => [i.id, i.msku]));
  const contents = await boxItems(trx, plan.id);
  const packed = (await boxRows(trx, plan.id))
    .filter((b) => b.status === 'closed')
    .map((b) => ({
      id: b.id,
      number: b.box_number,
      items: new Map(contents.filter((c) => c.box_id === b.id && c.quantity > 0).map((c) => [lines.get(c.plan_item_id) ?? '', c.quantity] as const)),
      weightG: b.weight_g,
      dimsMm: [b.length_mm, b.width_mm, b.height_mm],
    }));
  const links = matchShipmentBoxes(packed, shipments);
  if (!links) return;
  for (const [shipmentId, list] of links) {
    await replaceShipmentBoxes(trx, shipmentId, list.map((l) => ({ box_index: l.boxIndex, box_id: l.boxId, amazon_box_id: l.amazonBoxId, package_id: l.packageId })));
    await patchShipment(trx, shipmentId, { boxes_read_at: now });
  }
}

/** Transportation confirmed: the shipments as Amazon now has them, and their units leave the source in the ledger. */
async function collectTransport(ctx: StepContext, plan: PlanRow): Promise<StepWriter> {
  const list = await shipmentRows(ctx.db, plan.id);
  const fetched: InboundShipment[] = [];
  for (const s of list) fetched.push(await ctx.api.getShipment(planId(plan), s.amazon_shipment_id));
  return async (trx) => {
    const rows = await shipmentRows(trx, plan.id);
    for (const f of fetched) {
      const row = rows.find((r) => r.amazon_shipment_id === f.shipmentId);
      if (!row) continue;
      const patch = {
        confirmation_id: f.shipmentConfirmationId ?? row.confirmation_id,
        status: f.status ?? row.status,
        tracking_json: f.trackingDetails ? JSON.stringify(f.trackingDetails) : row.tracking_json,
      };
      await patchShipment(trx, row.id, patch);
      await applyTrackingDetails(trx, row.id, f.trackingDetails);
      Object.assign(row, patch);
    }
    const items = await shipmentItems(trx, rows.map((r) => r.id));
    const stockChanged = await postShipmentsDeparted(trx, plan, rows, items, { actor: ctx.actor, now: ctx.now });
    return { patch: { step: 'receiving', status: 'ready' }, stockChanged };
  };
}

/** The day after `now`: when the goods can be ready for pickup, as Amazon's transport quotes need to know. */
const readyToShip = (now: string): string => new Date(Date.parse(now) + 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');

export const mutationSteps: Partial<Record<PlanStep, MutationStep>> = {
  create: {
    async send(ctx, plan) {
      const items = await planItems(ctx.db, plan.id);
      const address = JSON.parse(plan.source_address_json) as SourceAddress;
      const res = await ctx.api.createInboundPlan({
        name: plan.name,
        destinationMarketplaces: [plan.marketplace_id],
        sourceAddress: address,
        items: items.map((i) => ({ msku: i.msku, quantity: i.quantity, prepOwner: i.prep_owner, labelOwner: i.label_owner })),
      });
      return { operationId: res.operationId, amazonPlanId: res.inboundPlanId };
    },
    collect: async () => next('generate-packing', 'ready'),
  },

  'generate-packing': {
    send: async (ctx, plan) => ctx.api.generatePackingOptions(planId(plan)),
    async collect(ctx, plan) {
      const options = (await allPages((t) => ctx.api.listPackingOptions(planId(plan), t), (p) => p.packingOptions)) as PackingOption[];
      return async (trx) => {
        await replacePackingOptions(
          trx,
          plan.id,
          options.map((o) => {
            const fee = sumMoney(o.fees);
            const discount = sumMoney(o.discounts);
            return { option_id: o.packingOptionId, packing_groups_json: JSON.stringify(o.packingGroups), fee_minor: fee.minor, discount_minor: discount.minor, currency: fee.currency ?? discount.currency, expiration: o.expiration ?? null, status: o.status };
          }),
        );
        return { patch: { step: 'choose-packing', status: 'waiting' } };
      };
    },
  },

  'confirm-packing': {
    send: async (ctx, plan) => ctx.api.confirmPackingOption(planId(plan), plan.packing_option_id ?? ''),
    async collect(ctx, plan) {
      const option = (await packingOptions(ctx.db, plan.id)).find((o) => o.option_id === plan.packing_option_id);
      const groups = option ? (JSON.parse(option.packing_groups_json) as string[]) : [];
      const rows: { packingGroupId: string; msku: string; fnsku: string; quantity: number }[] = [];
      for (const group of groups) {
        const items = (await allPages((t) => ctx.api.listPackingGroupItems(planId(plan), group, t), (p) => p.items)) as { msku: string; fnsku: string; quantity: number }[];
        for (const i of items) rows.push({ packingGroupId: group, msku: i.msku, fnsku: i.fnsku, quantity: i.quantity });
      }
      return async (trx) => {
        await replacePackingGroupItems(trx, plan.id, rows);
        return { patch: { step: 'pack-boxes', status: 'waiting' } };
      };
    },
  },

  'send-packing': {
    async send(ctx, plan) {
      const items = new Map((await planItems(ctx.db, plan.id)).map((i) => [i.id, i]));
      const contents = await boxItems(ctx.db, plan.id);
      const byGroup = new Map<string, InboundBoxInput[]>();
      for (const box of await boxRows(ctx.db, plan.id)) {
        const lines = contents
          .filter((c) => c.box_id === box.id)
          .map((c) => {
            const item = items.get(c.plan_item_id);
            return { msku: item?.msku ?? '', quantity: c.quantity, prepOwner: item?.prep_owner ?? 'NONE', labelOwner: item?.label_owner ?? 'SELLER' };
          });
        if (lines.length === 0 || !box.packing_group_id) continue;
        byGroup.set(box.packing_group_id, [...(byGroup.get(box.packing_group_id) ?? []), boxInput(box, lines)]);
      }
      return ctx.api.setPackingInformation(planId(plan), { packageGroupings: [...byGroup].map(([packingGroupId, boxes]) => ({ packingGroupId, boxes })) });
    },
    collect: async () => next('generate-placement', 'ready'),
  },

  'generate-placement': {
    send: async (ctx, plan) => ctx.api.generatePlacementOptions(planId(plan)),
    async collect(ctx, plan) {
      const options = (await allPages((t) => ctx.api.listPlacementOptions(planId(plan), t), (p) => p.placementOptions)) as PlacementOption[];
      return async (trx) => {
        await replacePlacementOptions(
          trx,
          plan.id,
          options.map((o) => {
            const fee = sumMoney(o.fees);
            const discount = sumMoney(o.discounts);
            return {
              option_id: o.placementOptionId,
              shipment_ids_json: JSON.stringify(o.shipmentIds),
              shipment_count: o.shipmentIds.length,
              fee_minor: fee.minor,
              discount_minor: discount.minor,
              currency: fee.currency ?? discount.currency,
              expiration: o.expiration ?? null,
              status: o.status,
            };
          }),
        );
        return { patch: { step: 'choose-placement', status: 'waiting' } };
      };
    },
  },

  'confirm-placement': {
    send: async (ctx, plan) => ctx.api.confirmPlacementOption(planId(plan), plan.placement_option_id ?? ''),
    async collect(ctx, plan) {
      const option = (await placementOptions(ctx.db, plan.id)).find((o) => o.option_id === plan.placement_option_id);
      return storeShipments(ctx, plan, option ? (JSON.parse(option.shipment_ids_json) as string[]) : []);
    },
  },

  'generate-transport': {
    async send(ctx, plan) {
      const list = await shipmentRows(ctx.db, plan.id);
      return ctx.api.generateTransportationOptions(planId(plan), {
        placementOptionId: plan.placement_option_id ?? '',
        shipmentTransportationConfigurations: list.map((s) => ({ shipmentId: s.amazon_shipment_id, readyToShipWindow: { start: readyToShip(ctx.now) } })),
      });
    },
    async collect(ctx, plan) {
      const options = (await allPages((t) => ctx.api.listTransportationOptions(planId(plan), { placementOptionId: plan.placement_option_id ?? undefined }, t), (p) => p.transportationOptions)) as TransportationOption[];
      return async (trx) => {
        for (const s of await shipmentRows(trx, plan.id)) {
          await replaceTransportOptions(
            trx,
            s.id,
            options
              .filter((o) => o.shipmentId === s.amazon_shipment_id)
              .map((o) => ({
                option_id: o.transportationOptionId,
                carrier: o.carrier.name ?? o.carrier.alphaCode ?? null,
                shipping_mode: o.shippingMode,
                shipping_solution: o.shippingSolution,
                preconditions_json: JSON.stringify(o.preconditions),
                quote_minor: o.quote ? (decimalToMinor(o.quote.cost.amount.toFixed(2), o.quote.cost.code) ?? null) : null,
                currency: o.quote?.cost.code ?? null,
                expiration: o.quote?.expiration ?? null,
              })),
          );
        }
        return { patch: { step: 'choose-transport', status: 'waiting' } };
      };
    },
  },

  /**
   * Own-carrier shipments first need a delivery window: Amazon generates the options (one operation per shipment), the
   * user picks one, each pick is confirmed (again per shipment); only then are all transportation options confirmed.
   */
  'confirm-transport': {
    async send(ctx, plan) {
      const action = await nextTransportAction(ctx.db, plan.id);
      if (action.kind === 'choose-windows') return null;
      if (action.kind === 'generate-windows') {
        const sent = await ctx.api.generateDeliveryWindowOptions(planId(plan), action.shipment.amazon_shipment_id);
        return { operationId: sent.operationId, kind: 'generate-windows', shipmentId: action.shipment.id };
      }
      if (action.kind === 'confirm-window') {
        const sent = await ctx.api.confirmDeliveryWindowOptions(planId(plan), action.shipment.amazon_shipment_id, action.shipment.window_chosen_id ?? '');
        return { operationId: sent.operationId, kind: 'confirm-window', shipmentId: action.shipment.id };
      }
      const list = await shipmentRows(ctx.db, plan.id);
      return ctx.api.confirmTransportationOptions(planId(plan), {
        transportationSelections: list.map((s) => ({ shipmentId: s.amazon_shipment_id, transportationOptionId: s.transport_option_id ?? '' })),
      });
    },
    async collect(ctx, plan) {
      const shipment = plan.op_shipment_id !== null ? (await shipmentRows(ctx.db, plan.id)).find((s) => s.id === plan.op_shipment_id) : undefined;
      if (plan.op_kind === 'generate-windows' && shipment) {
        const { deliveryWindowOptions } = await ctx.api.listDeliveryWindowOptions(planId(plan), shipment.amazon_shipment_id);
        return async (trx) => {
          await replaceDeliveryWindows(
            trx,
            shipment.id,
            deliveryWindowOptions.map((w) => ({ option_id: w.deliveryWindowOptionId, availability_type: w.availabilityType, start_date: w.startDate, end_date: w.endDate, valid_until: w.validUntil })),
          );
          await patchShipment(trx, shipment.id, { windows_generated_at: ctx.now, window_chosen_id: null });
          const after = await nextTransportAction(trx, plan.id);
          return { patch: { status: after.kind === 'choose-windows' ? 'waiting' : 'ready' } };
        };
      }
      if (plan.op_kind === 'confirm-window' && shipment) {
        const confirmed = await ctx.api.getShipment(planId(plan), shipment.amazon_shipment_id);
        return async (trx) => {
          const chosen = (await deliveryWindows(trx, [shipment.id])).find((w) => w.option_id === shipment.window_chosen_id);
          const selected = confirmed.selectedDeliveryWindow;
          await patchShipment(trx, shipment.id, {
            window_confirmed_id: selected?.deliveryWindowOptionId ?? shipment.window_chosen_id,
            window_start: selected?.startDate ?? chosen?.start_date ?? null,
            window_end: selected?.endDate ?? chosen?.end_date ?? null,
          });
          return { patch: { status: 'ready' } };
        };
      }
      return collectTransport(ctx, plan);
    },
  },

  cancelling: {
    send: async (ctx, plan) => ctx.api.cancelInboundPlan(planId(plan)),
    collect: async (ctx, plan) => async (trx) => ({ patch: { step: 'cancelled', status: 'done' }, stockChanged: await releasePlanReservation(trx, plan, { actor: ctx.actor, now: ctx.now }) }),
  },
};

