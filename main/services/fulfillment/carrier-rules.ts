import type { CarrierConditions, CarrierRule } from '../../../shared/domain/fulfillment';

/** What a carrier/channel rule (物流渠道匹配) decides by, worked out for one order (or one package of a split order). */
export interface ShipmentFacts {
  country: string | null;
  region: string | null;
  warehouseId: number | null;
  /** Sum of product weights × quantity; null when any product's weight is unknown. */
  weightG: number | null;
  /** Longest side of the largest item; null when any item's dimensions are unknown. */
  maxSideMm: number | null;
  currency: string | null;
  valueMinor: number | null;
  /** Prime or a premium shipping speed (expedited, next day…). */
  premium: boolean;
  hoursToShipBy: number | null;
}

const inRange = (value: number | null, r: { min?: number | undefined; max?: number | undefined } | undefined): boolean =>
  r === undefined || (value !== null && (r.min === undefined || value >= r.min) && (r.max === undefined || value <= r.max));

/**
 * Every condition given must hold; a condition on something unknown (no weight, no ship-by date) does not hold, so an
 * order is never sent down a channel on a guess.
 */
export function conditionsHold(c: CarrierConditions, f: ShipmentFacts): boolean {
  if (c.countries && (f.country === null || !c.countries.includes(f.country.toUpperCase()))) return false;
  if (c.regions && (f.region === null || !c.regions.some((r) => r.toLocaleLowerCase() === f.region?.trim().toLocaleLowerCase()))) return false;
  if (c.warehouseIds && (f.warehouseId === null || !c.warehouseIds.includes(f.warehouseId))) return false;
  if (!inRange(f.weightG, c.weightG)) return false;
  if (!inRange(f.maxSideMm, c.maxSideMm)) return false;
  if (c.value && (f.currency !== c.value.currency || !inRange(f.valueMinor, c.value))) return false;
  if (c.premium !== undefined && c.premium !== f.premium) return false;
  if (!inRange(f.hoursToShipBy, c.hoursToShipBy)) return false;
  return true;
}

/** The first enabled rule, by priority (then id, the order it was saved in), whose conditions hold. */
export function matchCarrierRule(rules: readonly CarrierRule[], facts: ShipmentFacts): CarrierRule | null {
  const ordered = rules.filter((r) => r.enabled).sort((a, b) => a.priority - b.priority || a.id - b.id);
  return ordered.find((r) => conditionsHold(r.conditions, facts)) ?? null;
}

/** Weight only matters to the audit when some channel decides by it. */
export function rulesNeedWeight(rules: readonly CarrierRule[]): boolean {
  return rules.some((r) => r.enabled && r.conditions.weightG !== undefined);
}

const PREMIUM_LEVELS = new Set(['EXPEDITED', 'PRIORITY', 'NEXTDAY', 'SECONDDAY', 'SAMEDAY', 'SCHEDULED']);

/** Prime orders and paid-for speed; Amazon spells service levels both "NextDay" and "NEXT_DAY" across API versions. */
export function isPremium(programs: readonly string[], serviceLevel: string | null): boolean {
  if (programs.some((p) => p.toUpperCase() === 'PRIME' || p.toUpperCase() === 'PREMIUM')) return true;
  return serviceLevel !== null && PREMIUM_LEVELS.has(serviceLevel.toUpperCase().replace(/[^A-Z]/g, ''));
}
