import { Box, Checkbox, Typography } from '@mui/material';
import type { CoverRow } from '../../../shared/domain/purchasing';
import { useLocaleStore, useT } from '../../i18n';
import { formatDecimal } from './format';
import { CoverStatusChip } from './StatusChips';
import { VirtualTable, type Column } from '../../components/VirtualTable';

/** Only rows with a suggestion can become PO lines: the plan orders the suggested quantity. */
export const orderable = (r: CoverRow) => r.suggestedQuantity > 0;

interface Props {
  rows: readonly CoverRow[];
  picked: ReadonlySet<number>;
  onToggle(productId: number): void;
  /** Ticks (or clears, when all are ticked) every orderable row shown. */
  onToggleAll(): void;
  empty: string;
}

const dash = (
  <Box component="span" sx={{ color: 'text.disabled' }}>
    —
  </Box>
);

/** Days of cover per SKU at one warehouse, most urgent first, with what to order now. */
export function CoverTable({ rows, picked, onToggle, onToggleAll, empty }: Props) {
  const t = useT();
  const locale = useLocaleStore((s) => s.locale);
  const candidates = rows.filter(orderable);
  const allPicked = candidates.length > 0 && candidates.every((r) => picked.has(r.productId));
  const somePicked = candidates.some((r) => picked.has(r.productId));

  const columns: Column<CoverRow>[] = [
    {
      key: 'pick',
      width: 40,
      align: 'center',
      header: (
        <Checkbox
          size="small"
          checked={allPicked}
          indeterminate={somePicked && !allPicked}
          disabled={candidates.length === 0}
          onChange={onToggleAll}
          slotProps={{ input: { 'aria-label': t('purchasing.cover.pickAll') } }}
          data-testid="cover-pick-all"
        />
      ),
      render: (r) => (
        <Checkbox
          size="small"
          checked={picked.has(r.productId)}
          disabled={!orderable(r)}
          onClick={(e) => e.stopPropagation()}
          onChange={() => onToggle(r.productId)}
          slotProps={{ input: { 'aria-label': t('purchasing.cover.pick', { sku: r.sku }) } }}
          data-testid="cover-pick"
        />
      ),
    },
    { key: 'sku', width: 128, header: t('purchasing.col.sku'), render: (r) => <Box component="span" sx={{ fontFamily: 'monospace' }}>{r.sku}</Box>, title: (r) => r.sku },
    {
      key: 'name',
      width: 128,
      grow: true,
      header: t('purchasing.col.nameSupplier'),
      // The supplier sits under the name: it decides which PO a line lands on, but rarely needs a column of its own.
      render: (r) => (
        <>
          <Box sx={{ overflow: 'hidden', textOverflow: 'ellipsis', lineHeight: 1.3 }}>{r.name}</Box>
          <Box sx={{ overflow: 'hidden', textOverflow: 'ellipsis', lineHeight: 1.3, fontSize: 12, color: r.supplierName ? 'text.secondary' : 'warning.main' }} data-testid="cover-supplier">
            {r.supplierName ?? t('purchasing.noSupplier')}
          </Box>
        </>
      ),
      title: (r) => `${r.name}\n${r.supplierName ?? t('purchasing.noSupplier')}`,
    },
    { key: 'status', width: 104, header: t('purchasing.col.status'), render: (r) => <CoverStatusChip status={r.status} /> },
    {
      key: 'sold',
      width: 112,
      numeric: true,
      header: t('purchasing.col.sold'),
      headerTitle: t('purchasing.col.soldTip'),
      testId: 'cover-sold',
      render: (r) => `${r.sold7} / ${r.sold30} / ${r.sold90}`,
    },
    {
      key: 'velocity',
      width: 56,
      numeric: true,
      header: t('purchasing.col.velocity'),
      headerTitle: t('purchasing.col.velocityTip'),
      testId: 'cover-velocity',
      render: (r) => formatDecimal(locale, r.velocity, 1),
    },
    { key: 'available', width: 60, numeric: true, header: t('purchasing.col.available'), testId: 'cover-available', render: (r) => r.available },
    { key: 'inTransit', width: 64, numeric: true, header: t('purchasing.col.inTransit'), render: (r) => r.inTransit || dash },
    { key: 'onOrder', width: 72, numeric: true, header: t('purchasing.col.onOrder'), headerTitle: t('purchasing.col.onOrderTip'), testId: 'cover-on-order', render: (r) => r.onOrder || dash },
    {
      key: 'days',
      width: 76,
      numeric: true,
      header: t('purchasing.col.daysOfCover'),
      headerTitle: t('purchasing.col.daysOfCoverTip'),
      testId: 'cover-days',
      render: (r) => (r.daysOfCover === null ? dash : formatDecimal(locale, r.daysOfCover, 1)),
    },
    {
      key: 'rop',
      width: 80,
      numeric: true,
      header: t('purchasing.col.reorderPoint'),
      headerTitle: t('purchasing.col.reorderPointTip'),
      testId: 'cover-rop',
      render: (r) => r.reorderPoint,
      title: (r) => t('purchasing.col.reorderPointRow', { lead: r.leadTimeDays, safety: r.safetyDays }),
    },
    {
      key: 'suggested',
      width: 80,
      numeric: true,
      header: t('purchasing.col.suggested'),
      testId: 'cover-suggested',
      render: (r) => (r.suggestedQuantity > 0 ? <Box component="span" sx={{ fontWeight: 700, color: 'primary.main' }}>{r.suggestedQuantity}</Box> : dash),
      title: (r) => (r.casePack > 1 ? t('purchasing.col.casePack', { n: r.casePack }) : undefined),
    },
    {
      key: 'turnover',
      width: 88,
      numeric: true,
      header: t('purchasing.col.turnover'),
      headerTitle: t('purchasing.col.turnoverTip'),
      testId: 'cover-turnover',
      render: (r) => (r.turnover90 === null ? dash : formatDecimal(locale, r.turnover90, 2)),
    },
  ];

  return (
    <VirtualTable
      rows={rows}
      columns={columns}
      rowKey={(r) => `${r.productId}:${r.warehouseId}`}
      rowTestId={(r) => `cover-row-${r.sku}`}
      isSelected={(r) => picked.has(r.productId)}
      onRowClick={(r) => orderable(r) && onToggle(r.productId)}
      empty={<Typography color="text.secondary">{empty}</Typography>}
      testId="cover-table"
    />
  );
}
