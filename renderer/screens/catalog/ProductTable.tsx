import { Box, Chip, Typography } from '@mui/material';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { ProductCode, ProductSummary } from '../../../shared/domain/catalog';
import { useT, type MessageKey } from '../../i18n';

const ROW_HEIGHT = 44;
/** The codes a picker or a buyer looks for first; alias codes stay in the editor. */
const MAIN_CODE_ORDER = ['gtin', 'fnsku', 'asin', 'case'] as const;

interface Props {
  rows: ProductSummary[];
  total: number;
  emptyText: string;
  /** Only a search has a way of matching; without one the column's room goes to the codes. */
  showMatch: boolean;
  onOpen(productId: number): void;
  onNearEnd(): void;
}

export function codeText(t: ReturnType<typeof useT>, c: ProductCode): string {
  return c.kind === 'case' ? t('catalog.caseUnits', { code: c.code, units: c.units }) : c.code;
}

/** One line per product; virtualized, so 20,000 SKUs scroll like 20. */
export function ProductTable({ rows, total, emptyText, showMatch, onOpen, onNearEnd }: Props) {
  const t = useT();
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? -1;

  useEffect(() => {
    if (lastIndex >= rows.length - 20 && rows.length < total) onNearEnd();
  }, [lastIndex, rows.length, total, onNearEnd]);

  const columns = `190px minmax(200px, 1.2fr) 72px minmax(260px, 2fr)${showMatch ? ' 150px' : ''} 80px`;
  const cell = { px: 1, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' } as const;

  return (
    <Box sx={{ border: 1, borderColor: 'divider', borderRadius: 1, bgcolor: 'background.paper', display: 'flex', flexDirection: 'column', minHeight: 0, flex: 1 }}>
      <Box role="row" sx={{ display: 'grid', gridTemplateColumns: columns, alignItems: 'center', height: ROW_HEIGHT, borderBottom: 1, borderColor: 'divider', fontWeight: 600, fontSize: 14, pr: '12px' }}>
        <Box role="columnheader" sx={cell}>{t('catalog.col.sku')}</Box>
        <Box role="columnheader" sx={cell}>{t('catalog.col.name')}</Box>
        <Box role="columnheader" sx={cell}>{t('catalog.col.kind')}</Box>
        <Box role="columnheader" sx={cell}>{t('catalog.col.codes')}</Box>
        {showMatch ? <Box role="columnheader" sx={cell}>{t('catalog.col.match')}</Box> : null}
        <Box role="columnheader" sx={cell}>{t('catalog.col.status')}</Box>
      </Box>
      <Box ref={scroller} role="rowgroup" sx={{ overflow: 'auto', flex: 1, minHeight: 240 }} data-testid="catalog-table">
        {rows.length === 0 ? (
          <Typography sx={{ p: 3 }} color="text.secondary" data-testid="catalog-empty">
            {emptyText}
          </Typography>
        ) : (
          <Box sx={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {items.map((item) => {
              const row = rows[item.index]!;
              const main = MAIN_CODE_ORDER.flatMap((kind) => row.codes.filter((c) => c.kind === kind));
              const codes = main.map((c) => `${t(`catalog.codeKind.${c.kind}` as MessageKey)} ${codeText(t, c)}`).join(' · ');
              return (
                <Box
                  key={row.id}
                  role="row"
                  data-testid={`catalog-row-${row.sku}`}
                  onClick={() => onOpen(row.id)}
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
                    color: row.archivedAt ? 'text.secondary' : undefined,
                    '&:hover': { bgcolor: 'action.hover' },
                  }}
                >
                  <Box sx={{ ...cell, fontFamily: 'monospace' }} title={row.sku}>
                    {row.sku}
                  </Box>
                  <Box sx={cell} title={row.name}>
                    {row.name}
                  </Box>
                  <Box sx={cell}>
                    <Chip size="small" variant={row.kind === 'bundle' ? 'filled' : 'outlined'} color={row.kind === 'bundle' ? 'secondary' : 'default'} label={t(`catalog.kind.${row.kind}`)} />
                  </Box>
                  <Box sx={{ ...cell, fontFamily: 'monospace', fontSize: 13 }} title={codes} data-testid="catalog-codes">
                    {codes || (
                      <Box component="span" sx={{ color: 'text.disabled' }}>
                        —
                      </Box>
                    )}
                  </Box>
                  {showMatch ? (
                    <Box sx={cell}>
                      {row.matchedBy ? (
                        <Chip size="small" color={row.matchedBy === 'text' ? 'default' : 'primary'} variant="outlined" label={t(`catalog.matchedBy.${row.matchedBy}`)} data-testid="match-chip" />
                      ) : null}
                    </Box>
                  ) : null}
                  <Box sx={cell}>{row.archivedAt ? <Chip size="small" label={t('catalog.archived')} data-testid="archived-chip" /> : null}</Box>
                </Box>
              );
            })}
          </Box>
        )}
      </Box>
    </Box>
  );
}
