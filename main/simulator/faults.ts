/**
 * Faults the simulator can inject per operation, the ways Amazon and the network really fail:
 * 5xx, 429 storms, timeouts (no answer), connection resets, malformed or truncated JSON, a required field missing,
 * and slow answers. Scripted faults (exactly these, next) make tests deterministic; rates make soak runs realistic.
 */
export const faultKinds = ['server-error', 'throttle', 'timeout', 'reset', 'malformed', 'truncated', 'missing-field', 'slow'] as const;
export type FaultKind = (typeof faultKinds)[number];

export interface FaultRates {
  serverErrorRate?: number;
  throttleRate?: number;
  timeoutRate?: number;
  resetRate?: number;
  malformedRate?: number;
  truncatedRate?: number;
  missingFieldRate?: number;
  /** Added to every response of the operation, in wall-clock ms. */
  slowMs?: number;
}

export class FaultPlan {
  private readonly scripted = new Map<string, FaultKind[]>();
  private readonly rates = new Map<string, FaultRates>();

  constructor(private readonly random: () => number) {}

  /** The next calls of `operation` ('*' for any) fail with these faults, in order. */
  script(operation: string, faults: FaultKind[]): void {
    this.scripted.set(operation, [...(this.scripted.get(operation) ?? []), ...faults]);
  }

  setRates(operation: string, rates: FaultRates | null): void {
    if (rates === null) this.rates.delete(operation);
    else this.rates.set(operation, rates);
  }

  clear(): void {
    this.scripted.clear();
    this.rates.clear();
  }

  pendingScripted(): number {
    let n = 0;
    for (const list of this.scripted.values()) n += list.length;
    return n;
  }

  next(operation: string): FaultKind | null {
    for (const key of [operation, '*']) {
      const list = this.scripted.get(key);
      if (list && list.length > 0) return list.shift() ?? null;
    }
    const r = this.rates.get(operation) ?? this.rates.get('*');
    if (!r) return null;
    const table: [FaultKind, number | undefined][] = [
      ['server-error', r.serverErrorRate],
      ['throttle', r.throttleRate],
      ['timeout', r.timeoutRate],
      ['reset', r.resetRate],
      ['malformed', r.malformedRate],
      ['truncated', r.truncatedRate],
      ['missing-field', r.missingFieldRate],
    ];
    const roll = this.random();
    let acc = 0;
    for (const [kind, rate] of table) {
      acc += rate ?? 0;
      if (roll < acc) return kind;
    }
    return null;
  }

  slowMs(operation: string): number {
    return this.rates.get(operation)?.slowMs ?? this.rates.get('*')?.slowMs ?? 0;
  }
}
