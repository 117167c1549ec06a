import { Box, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import type { PackedOrder } from '../../../../shared/ipc/channels/shipping';
import { useT } from '../../../i18n';

/** Enough rows to recognise the batch; the template holds them all. */
const SHOWN = 5;

/** The packed orders this batch is about: what the template will list, with the carrier each one is set to ship by. */
export function PackedOrdersSummary({ orders, selected }: { orders: readonly PackedOrder[]; selected: boolean }) {
  const t = useT();
  return (
    <Box>
      <Typography variant="subtitle2" sx={{ mb: 0.5 }} data-testid="batch-orders-count">
        {selected ? t('shipping.orders.selected', { n: orders.length }) : t('shipping.orders.all', { n: orders.length })}
      </Typography>
      <Table size="small" data-testid="batch-orders">
        <TableHead>
          <TableRow>
            <TableCell sx={{ width: 200 }}>{t('shipping.col.order')}</TableCell>
            <TableCell>{t('shipping.col.sku')}</TableCell>
            <TableCell sx={{ width: 200 }}>{t('shipping.col.carrier')}</TableCell>
            <TableCell sx={{ width: 90 }} align="right">
              {t('shipping.col.weight')}
            </TableCell>
            <TableCell sx={{ width: 90 }}>{t('shipping.col.warehouse')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {orders.slice(0, SHOWN).map((o) => (
            <TableRow key={o.orderId} data-testid={`batch-order-${o.orderId}`}>
              <TableCell sx={{ fontFamily: 'monospace', fontSize: 13, whiteSpace: 'nowrap' }}>{o.orderId}</TableCell>
              <TableCell sx={{ fontFamily: 'monospace', fontSize: 13 }}>
                {o.firstSku ?? '—'}
                {o.lineCount > 1 ? <Box component="span" sx={{ color: 'text.secondary', ml: 0.75 }}>{t('orders.moreLines', { n: o.lineCount - 1 })}</Box> : null}
                <Box component="span" sx={{ color: 'text.secondary', ml: 0.75 }}>
                  ×{o.units}
                </Box>
              </TableCell>
              <TableCell>{o.carrierCode ? [o.carrierCode, o.carrierName, o.shippingService].filter(Boolean).join(' · ') : <Box component="span" sx={{ color: 'warning.main' }}>{t('shipping.noCarrier')}</Box>}</TableCell>
              <TableCell align="right" sx={{ fontVariantNumeric: 'tabular-nums' }}>
                {o.weightG === null ? '—' : t('shipping.weight', { g: o.weightG })}
              </TableCell>
              <TableCell>{o.warehouseCode ?? '—'}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {orders.length > SHOWN ? (
        <Typography variant="caption" color="text.secondary">
          {t('shipping.orders.more', { n: orders.length - SHOWN })}
        </Typography>
      ) : null}
    </Box>
  );
}
