import { Chip, Typography } from '@mui/material';
import type { ReturnSummary } from '../../../shared/domain/returns';
import { VirtualTable, type Column } from '../../components/VirtualTable';
import { formatDateTime, useLocaleStore, useT } from '../../i18n';
import { reasonText, STATUS_COLOR, statusKey } from './labels';

interface Props {
  rows: readonly ReturnSummary[];
  selected: number | null;
  onSelect(id: number): void;
}

export function ReturnsTable({ rows, selected, onSelect }: Props) {
  const t = useT();
  const locale = useLocaleStore((s) => s.locale);
  // Reason, refund and dates are in the panel: the list stays narrow enough to leave the panel room to work in.
  const columns: Column<ReturnSummary>[] = [
    { key: 'rma', width: 152, header: t('returns.col.rma'), render: (r) => r.rmaNumber, testId: 'return-rma', title: (r) => formatDateTime(locale, r.createdAt) },
    {
      key: 'status',
      width: 104,
      header: t('returns.col.status'),
      render: (r) => <Chip size="small" color={STATUS_COLOR[r.status]} label={t(statusKey(r.status))} data-testid="return-status" data-status={r.status} />,
    },
    { key: 'order', width: 160, grow: true, header: t('returns.col.order'), render: (r) => r.orderId ?? t('returns.unlinked'), title: (r) => reasonText(t, r.reasonCode) },
    { key: 'units', width: 72, numeric: true, header: t('returns.col.units'), render: (r) => t('returns.units', { received: r.receivedUnits, units: r.units }), testId: 'return-units' },
  ];
  return (
    <VirtualTable
      rows={rows}
      columns={columns}
      rowKey={(r) => r.id}
      rowTestId={(r) => `return-row-${r.rmaNumber}`}
      isSelected={(r) => r.id === selected}
      onRowClick={(r) => onSelect(r.id)}
      empty={<Typography data-testid="returns-empty">{t('returns.empty')}</Typography>}
      testId="returns-table"
    />
  );
}
