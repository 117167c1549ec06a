import { Box, Chip, Typography } from '@mui/material';
import { VirtualTable, type Column } from '../../../components/VirtualTable';
import { useT } from '../../../i18n';
import { verdictText, type BatchRowView } from './verdict-text';

const GOOD = new Set(['ok', 'shipped']);

/** Every row of the carrier's file with its verdict, problems in red; virtualized, since a file may hold thousands. */
export function BatchRowsTable({ rows }: { rows: readonly BatchRowView[] }) {
  const t = useT();
  const columns: Column<BatchRowView>[] = [
    { key: 'line', width: 52, numeric: true, header: t('shipping.col.line'), render: (r) => r.line },
    { key: 'order', width: 168, header: t('shipping.col.order'), testId: 'batch-row-order', render: (r) => <Box component="span" sx={{ fontFamily: 'monospace', fontSize: 13 }}>{r.orderId || '—'}</Box> },
    {
      key: 'carrier',
      width: 190,
      header: t('shipping.col.carrierUsed'),
      render: (r) => (
        <>
          {r.carrierCode ?? '—'}
          {r.carrierName || r.shippingService ? (
            <Box component="span" sx={{ color: 'text.secondary', ml: 0.75 }}>
              {[r.carrierName, r.shippingService].filter(Boolean).join(' · ')}
            </Box>
          ) : null}
        </>
      ),
      title: (r) => [r.carrierCode, r.carrierName, r.shippingService].filter(Boolean).join(' · ') + (r.carrierFrom === 'order' ? ` (${t('shipping.carrierFromOrder')})` : ''),
    },
    { key: 'tracking', width: 180, header: t('shipping.col.tracking'), testId: 'batch-row-tracking', render: (r) => <Box component="span" sx={{ fontFamily: 'monospace', fontSize: 13 }}>{r.trackingNumber || '—'}</Box> },
    {
      key: 'verdict',
      width: 320,
      grow: true,
      header: t('shipping.col.verdict'),
      testId: 'batch-row-verdict',
      render: (r) =>
        GOOD.has(r.verdict) ? (
          <Chip size="small" color="success" variant={r.verdict === 'shipped' ? 'filled' : 'outlined'} label={verdictText(t, r)} data-verdict={r.verdict} />
        ) : (
          <Typography component="span" variant="body2" data-verdict={r.verdict} sx={{ color: r.verdict === 'already-shipped' || r.verdict === 'duplicate-row' ? 'text.secondary' : 'error.main' }}>
            {verdictText(t, r)}
          </Typography>
        ),
      title: (r) => verdictText(t, r),
    },
  ];
  return (
    <Box sx={{ height: 340, display: 'flex', flexDirection: 'column' }}>
      <VirtualTable
        rows={rows}
        columns={columns}
        rowKey={(r) => `${r.line}:${r.orderId}`}
        rowTestId={(r) => `batch-row-${r.line}`}
        empty={null}
        testId="batch-rows"
      />
    </Box>
  );
}
