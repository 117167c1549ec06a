import { IdFactory } from '../ids';
import type { Rng } from '../../store/random';

const BASE36_UPPER = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** The two-letter prefixes Amazon puts before a UUID in 2024-03-20 ids (38 characters in all). */
export type InboundIdKind = 'wf' | 'po' | 'pg' | 'pl' | 'sh' | 'to' | 'dw' | 'pk';

/** Inbound identifiers from their own seeded stream, so creating plans never shifts the ids of reports or feeds. */
export class InboundIds {
  private readonly ids: IdFactory;

  constructor(private readonly rng: Rng) {
    this.ids = new IdFactory(rng);
  }

  /** `wf1234abcd-1234-abcd-5678-1234abcd5678` for a plan, `sh…` for a shipment, and so on. */
  next(kind: InboundIdKind): string {
    return `${kind}${this.ids.uuid()}`;
  }

  /** Operation ids are bare UUIDs (36 characters). */
  operationId(): string {
    return this.ids.uuid();
  }

  /** The id printed on labels: `FBA1` and eight base-36 characters. */
  confirmationId(): string {
    return `FBA1${this.rng.alnum(8, BASE36_UPPER)}`;
  }

  /** Partnered small-parcel tracking numbers look like UPS's (`1Z` + 16). */
  upsTracking(): string {
    return `1Z${this.rng.alnum(6, BASE36_UPPER)}${this.rng.digits(10)}`;
  }

  /** Opaque keys for label documents. */
  documentKey(): string {
    return this.ids.hex(32);
  }
}
