import type { ReconStockRow } from '../../../shared/domain/reconciliation';
import type { useT } from '../../i18n';

type T = ReturnType<typeof useT>;

/** Where the figures are: the FBA warehouse, or the offer's marketplace and its FBM warehouse. */
export function placeText(t: T, row: ReconStockRow, domain: (marketplaceId: string) => string): string {
  if (row.channel === 'fba') return t('recon.stock.place.fba', { warehouse: row.warehouseCode });
  return t('recon.stock.place.fbm', { marketplace: domain(row.marketplaceId ?? ''), warehouse: row.warehouseCode });
}

/** Amazon's breakdown of an FBA figure, one line per Seller Central column; the empty ones are left out. */
export function breakdownLines(t: T, row: ReconStockRow): string[] {
  const b = row.breakdown;
  if (!b) return [];
  const parts = [
    ['recon.stock.bd.fulfillable', b.fulfillable],
    ['recon.stock.bd.reserved', b.reserved],
    ['recon.stock.bd.unfulfillable', b.unfulfillable],
    ['recon.stock.bd.researching', b.researching],
    ['recon.stock.bd.inbound', b.inbound],
  ] as const;
  return parts.filter(([key, n]) => n !== 0 || key === 'recon.stock.bd.fulfillable').map(([key, n]) => t(key, { n }));
}

export const signed = (n: number): string => (n > 0 ? `+${n}` : String(n));
