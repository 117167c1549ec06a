import type { Rng } from '../store/random';

const HEX = '0123456789abcdef';
const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/**
 * Identifiers shaped like the ones Amazon hands out, drawn from the simulator's seeded stream so that the same seed and
 * the same calls give the same ids (never crypto.randomUUID, which would make runs differ).
 */
export class IdFactory {
  private reportSeq = 0;
  private feedSeq = 0;

  constructor(private readonly rng: Rng) {}

  /** Report ids are decimal, about 11 digits, and grow over time (e.g. `50011019676`). */
  reportId(): string {
    this.reportSeq += 1;
    return String(50_000_000_000 + this.reportSeq * 1000 + this.rng.int(0, 999));
  }

  /** Feed ids look the same as report ids but come from their own sequence. */
  feedId(): string {
    this.feedSeq += 1;
    return String(60_000_000_000 + this.feedSeq * 1000 + this.rng.int(0, 999));
  }

  /** Version-4-shaped UUID (submission ids, document ids). */
  uuid(): string {
    const h = (n: number) => this.rng.alnum(n, HEX);
    return `${h(8)}-${h(4)}-4${h(3)}-${this.rng.pick(['8', '9', 'a', 'b'])}${h(3)}-${h(12)}`;
  }

  /** Report documents: `amzn1.spdoc.1.4.na.<uuid>.T<suffix>`. */
  reportDocumentId(): string {
    return `amzn1.spdoc.1.4.na.${this.uuid()}.T${this.rng.alnum(14, UPPER_ALNUM)}.${this.rng.int(1000, 9999)}`;
  }

  /** Feed documents (uploads and processing reports): `amzn1.tortuga.4.na.<uuid>.T<suffix>`. */
  feedDocumentId(): string {
    return `amzn1.tortuga.4.na.${this.uuid()}.T${this.rng.alnum(14, UPPER_ALNUM)}`;
  }

  /** Seller Central listing ids: four digits of date code then letters and digits (`1120X7ABCDE`). */
  listingId(): string {
    return `${this.rng.digits(4)}${this.rng.alnum(7, UPPER_ALNUM)}`;
  }

  hex(count: number): string {
    return this.rng.alnum(count, HEX);
  }

  alnum(count: number): string {
    return this.rng.alnum(count, UPPER_ALNUM);
  }

  bytes(count: number): Buffer {
    const out = Buffer.alloc(count);
    for (let i = 0; i < count; i++) out[i] = this.rng.int(0, 255);
    return out;
  }
}
