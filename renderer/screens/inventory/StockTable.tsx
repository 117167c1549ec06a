import { Box } from '@mui/material';
import type { InventoryRow as StockRow, Warehouse } from '../../../shared/domain/inventory';
import { VirtualTable, type Column } from '../../components/VirtualTable';
import { useT } from '../../i18n';

interface Props {
  rows: StockRow[];
  total: number;
  /** The places shown as columns, in the order given. */
  places: Warehouse[];
  selected: number | null;
  onSelect(productId: number): void;
  onNearEnd(): void;
}

/** One line per product: totals over every place, then each place's available (with what is on its way in blue). */
export function StockTable({ rows, total, places, selected, onSelect, onNearEnd }: Props) {
  const t = useT();
  const columns: Column<StockRow>[] = [
    { key: 'sku', header: t('inventory.col.sku'), width: 180, render: (r) => <Box component="span" sx={{ fontFamily: 'monospace' }}>{r.sku}</Box> },
    { key: 'name', header: t('inventory.col.name'), width: 200, grow: true, render: (r) => r.name, title: (r) => r.name },
    {
      key: 'available',
      header: t('inventory.col.available'),
      width: 96,
      numeric: true,
      testId: 'total-available',
      render: (r) => (
        <Box component="span" sx={{ fontWeight: 600, color: r.totals.available < 0 ? 'error.main' : undefined }}>
          {r.totals.available}
        </Box>
      ),
    },
    { key: 'onHand', header: t('inventory.col.onHand'), width: 96, numeric: true, render: (r) => r.totals.onHand },
    { key: 'reserved', header: t('inventory.col.reserved'), width: 96, numeric: true, render: (r) => r.totals.reserved },
    { key: 'inTransit', header: t('inventory.col.inTransit'), width: 96, numeric: true, render: (r) => r.totals.inTransit },
    ...places.map(
      (w): Column<StockRow> => ({
        key: `place-${w.id}`,
        header: w.code,
        headerTitle: w.name,
        width: 120,
        numeric: true,
        title: (r) => {
          const p = r.places.find((x) => x.warehouseId === w.id);
          return p ? t('inventory.placeTip', { onHand: p.onHand, reserved: p.reserved, inTransit: p.inTransit }) : undefined;
        },
        render: (r) => {
          const p = r.places.find((x) => x.warehouseId === w.id);
          if (!p) return <Box component="span" sx={{ color: 'text.disabled' }}>—</Box>;
          return (
            <>
              {p.available}
              {p.inTransit > 0 ? <Box component="span" sx={{ color: 'info.main', ml: 0.5 }}>+{p.inTransit}</Box> : null}
            </>
          );
        },
      }),
    ),
  ];
  return (
    <VirtualTable
      rows={rows}
      columns={columns}
      rowKey={(r) => r.productId}
      rowTestId={(r) => `stock-row-${r.sku}`}
      isSelected={(r) => r.productId === selected}
      onRowClick={(r) => onSelect(r.productId)}
      empty={<Box sx={{ color: 'text.secondary' }}>{t('inventory.empty')}</Box>}
      hasMore={rows.length < total}
      onNearEnd={onNearEnd}
      testId="stock-table"
    />
  );
}
