import type { InboundEvent } from './inventory';
import type { OrderRecord } from './order-record';

/** Everything that can happen to the account on the simulated clock. */
export type OrderEvent =
  | { kind: 'release'; order: OrderRecord }
  | { kind: 'authorize'; order: OrderRecord }
  | { kind: 'cancel'; order: OrderRecord; requestedByBuyer: boolean; cancelledBy: 'BUYER' | 'AMAZON' | 'MERCHANT'; reason: string }
  | { kind: 'afnShip'; order: OrderRecord }
  /** Shipments the seller made before the store's start (its history before it used our app). */
  | { kind: 'sellerShip'; order: OrderRecord; part: 'first' | 'rest' | 'all' }
  | { kind: 'delivered'; order: OrderRecord; packageReferenceId: string }
  | { kind: 'redactPhone'; order: OrderRecord };

export type SimEvent = { kind: 'arrival' } | OrderEvent | InboundEvent;
