import { Box, Typography } from '@mui/material';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { InventoryRow as StockRow, Warehouse } from '../../../shared/domain/inventory';
import { useT } from '../../i18n';

const ROW_HEIGHT = 44;
const SKU_WIDTH = 180;
const FIGURE_WIDTH = 96;
const PLACE_WIDTH = 120;

interface Props {
  rows: StockRow[];
  total: number;
  /** The places shown as columns, in the order given. */
  places: Warehouse[];
  selected: number | null;
  onSelect(productId: number): void;
  onNearEnd(): void;
}

/**
 * One line per product: totals over every place, then each place's available (on hand in grey). Virtualized: a seller
 * with 20,000 SKUs scrolls as smoothly as one with 20.
 */
export function StockTable({ rows, total, places, selected, onSelect, onNearEnd }: Props) {
  const t = useT();
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? -1;

  useEffect(() => {
    if (lastIndex >= rows.length - 20 && rows.length < total) onNearEnd();
  }, [lastIndex, rows.length, total, onNearEnd]);

  const columns = `${SKU_WIDTH}px minmax(200px, 1fr) repeat(4, ${FIGURE_WIDTH}px) repeat(${places.length}, ${PLACE_WIDTH}px)`;
  const cell = { px: 1, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' } as const;
  const figure = { ...cell, textAlign: 'right', fontVariantNumeric: 'tabular-nums' } as const;

  return (
    <Box sx={{ border: 1, borderColor: 'divider', borderRadius: 1, bgcolor: 'background.paper', display: 'flex', flexDirection: 'column', minHeight: 0, flex: 1 }}>
      <Box role="row" sx={{ display: 'grid', gridTemplateColumns: columns, alignItems: 'center', height: ROW_HEIGHT, borderBottom: 1, borderColor: 'divider', fontWeight: 600, fontSize: 14, pr: '12px' }}>
        <Box role="columnheader" sx={cell}>{t('inventory.col.sku')}</Box>
        <Box role="columnheader" sx={cell}>{t('inventory.col.name')}</Box>
        <Box role="columnheader" sx={figure}>{t('inventory.col.available')}</Box>
        <Box role="columnheader" sx={figure}>{t('inventory.col.onHand')}</Box>
        <Box role="columnheader" sx={figure}>{t('inventory.col.reserved')}</Box>
        <Box role="columnheader" sx={figure}>{t('inventory.col.inTransit')}</Box>
        {places.map((w) => (
          <Box role="columnheader" key={w.id} sx={figure} title={w.name}>
            {w.code}
          </Box>
        ))}
      </Box>
      <Box ref={scroller} role="rowgroup" sx={{ overflow: 'auto', flex: 1, minHeight: 240 }} data-testid="stock-table">
        {rows.length === 0 ? (
          <Typography sx={{ p: 3 }} color="text.secondary">
            {t('inventory.empty')}
          </Typography>
        ) : (
          <Box sx={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {items.map((item) => {
              const row = rows[item.index]!;
              const at = new Map(row.places.map((p) => [p.warehouseId, p]));
              return (
                <Box
                  key={row.productId}
                  role="row"
                  aria-selected={selected === row.productId}
                  data-testid={`stock-row-${row.sku}`}
                  onClick={() => onSelect(row.productId)}
                  sx={{
                    position: 'absolute',
                    top: 0,
                    left: 0,
                    right: 0,
                    transform: `translateY(${item.start}px)`,
                    height: ROW_HEIGHT,
                    display: 'grid',
                    gridTemplateColumns: columns,
                    alignItems: 'center',
                    borderBottom: 1,
                    borderColor: 'divider',
                    cursor: 'pointer',
                    fontSize: 14,
                    bgcolor: selected === row.productId ? 'action.selected' : undefined,
                    '&:hover': { bgcolor: 'action.hover' },
                  }}
                >
                  <Box sx={{ ...cell, fontFamily: 'monospace' }}>{row.sku}</Box>
                  <Box sx={cell} title={row.name}>
                    {row.name}
                  </Box>
                  <Box sx={{ ...figure, fontWeight: 600, color: row.totals.available < 0 ? 'error.main' : undefined }} data-testid="total-available">
                    {row.totals.available}
                  </Box>
                  <Box sx={figure}>{row.totals.onHand}</Box>
                  <Box sx={figure}>{row.totals.reserved}</Box>
                  <Box sx={figure}>{row.totals.inTransit}</Box>
                  {places.map((w) => {
                    const p = at.get(w.id);
                    return (
                      <Box key={w.id} sx={figure} title={p ? t('inventory.placeTip', { onHand: p.onHand, reserved: p.reserved, inTransit: p.inTransit }) : undefined}>
                        {p ? (
                          <>
                            {p.available}
                            {p.inTransit > 0 ? (
                              <Box component="span" sx={{ color: 'info.main', ml: 0.5 }}>
                                +{p.inTransit}
                              </Box>
                            ) : null}
                          </>
                        ) : (
                          <Box component="span" sx={{ color: 'text.disabled' }}>
                            —
                          </Box>
                        )}
                      </Box>
                    );
                  })}
                </Box>
              );
            })}
          </Box>
        )}
      </Box>
    </Box>
  );
}
