/** What decides between placement options: the fee after discount, then the number of shipments. */
export interface ComparableOption {
  id: string;
  shipmentCount: number;
  fee: { minor: number; currency: string } | null;
  discount: { minor: number; currency: string } | null;
}

/** Amazon states discounts as positive amounts taken off the fee; an option without a fee costs nothing. */
export const netFeeMinor = (o: ComparableOption): number => Math.max(0, (o.fee?.minor ?? 0) - (o.discount?.minor ?? 0));

/**
 * The options to highlight: every option at the lowest net fee, and every option with the fewest shipments (each extra
 * shipment is another carrier pickup and another set of carton labels). Ties all win.
 */
export function bestOptions(options: readonly ComparableOption[]): { cheapest: Set<string>; fewest: Set<string> } {
  if (options.length === 0) return { cheapest: new Set(), fewest: new Set() };
  const minFee = Math.min(...options.map(netFeeMinor));
  const minCount = Math.min(...options.map((o) => o.shipmentCount));
  return {
    cheapest: new Set(options.filter((o) => netFeeMinor(o) === minFee).map((o) => o.id)),
    fewest: new Set(options.filter((o) => o.shipmentCount === minCount).map((o) => o.id)),
  };
}

/** Cheapest first; at the same fee, fewer shipments first. */
export const byDecision = (a: ComparableOption, b: ComparableOption): number => netFeeMinor(a) - netFeeMinor(b) || a.shipmentCount - b.shipmentCount;
