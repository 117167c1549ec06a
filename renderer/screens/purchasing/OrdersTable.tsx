import { Box, Typography } from '@mui/material';
import type { PurchaseOrderSummary } from '../../../shared/domain/purchasing';
import { formatDateTime, useLocaleStore, useT } from '../../i18n';
import { formatMoney } from './format';
import { OrderStatusChip } from './StatusChips';
import { VirtualTable, type Column } from '../../components/VirtualTable';

interface Props {
  rows: readonly PurchaseOrderSummary[];
  total: number;
  selected: number | null;
  onOpen(id: number): void;
  onNearEnd(): void;
  empty: string;
}

export function OrdersTable({ rows, total, selected, onOpen, onNearEnd, empty }: Props) {
  const t = useT();
  const locale = useLocaleStore((s) => s.locale);
  const muted = (text: string) => (
    <Box component="span" sx={{ color: 'text.disabled' }}>
      {text}
    </Box>
  );
  const columns: Column<PurchaseOrderSummary>[] = [
    { key: 'number', width: 150, header: t('purchasing.ocol.number'), testId: 'po-number', render: (r) => <Box component="span" sx={{ fontFamily: 'monospace' }}>{r.number}</Box> },
    { key: 'status', width: 96, header: t('purchasing.ocol.status'), render: (r) => <OrderStatusChip status={r.status} /> },
    { key: 'supplier', width: 130, grow: true, header: t('purchasing.ocol.supplier'), render: (r) => r.supplierName, title: (r) => r.supplierName },
    { key: 'warehouse', width: 96, header: t('purchasing.ocol.warehouse'), render: (r) => r.warehouseCode, title: (r) => r.warehouseName },
    { key: 'expected', width: 96, header: t('purchasing.ocol.expected'), render: (r) => r.expectedDate ?? muted('—') },
    { key: 'lines', width: 56, numeric: true, header: t('purchasing.ocol.lines'), render: (r) => r.lineCount },
    { key: 'ordered', width: 72, numeric: true, header: t('purchasing.ocol.ordered'), testId: 'po-ordered', render: (r) => r.orderedUnits },
    { key: 'received', width: 80, numeric: true, header: t('purchasing.ocol.received'), testId: 'po-received', render: (r) => r.receivedUnits || muted('0') },
    {
      key: 'rejected',
      width: 72,
      numeric: true,
      header: t('purchasing.ocol.rejected'),
      testId: 'po-rejected',
      render: (r) => (r.rejectedUnits ? <Box component="span" sx={{ color: 'error.main' }}>{r.rejectedUnits}</Box> : muted('0')),
    },
    { key: 'amount', width: 116, numeric: true, header: t('purchasing.ocol.amount'), testId: 'po-amount', render: (r) => formatMoney(locale, r.totalMinor, r.currency) },
    { key: 'created', width: 132, header: t('purchasing.ocol.created'), render: (r) => formatDateTime(locale, r.createdAt), title: (r) => r.createdBy },
  ];
  return (
    <VirtualTable
      rows={rows}
      columns={columns}
      rowKey={(r) => r.id}
      rowTestId={(r) => `po-row-${r.number}`}
      isSelected={(r) => r.id === selected}
      onRowClick={(r) => onOpen(r.id)}
      hasMore={rows.length < total}
      onNearEnd={onNearEnd}
      empty={<Typography color="text.secondary">{empty}</Typography>}
      testId="po-table"
    />
  );
}
