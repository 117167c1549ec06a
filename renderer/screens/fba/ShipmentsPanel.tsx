import { Box, Chip, LinearProgress, Paper, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import type { PlanDetail } from '../../../shared/domain/fba-inbound';
import { useT } from '../../i18n';

/** Shipments with their confirmation ids, destination, tracking and status, and receiving per SKU. */
export function ShipmentsPanel({ plan }: { plan: PlanDetail }) {
  const t = useT();
  return (
    <Stack spacing={1.5} data-testid="fba-shipments">
      <Typography variant="subtitle1">{t('fba.shipments.title')}</Typography>
      {plan.shipmentList.map((s) => {
        const shipped = s.items.reduce((n, i) => n + i.shipped, 0);
        const received = s.items.reduce((n, i) => n + i.received, 0);
        return (
          <Paper key={s.id} variant="outlined" sx={{ p: 2 }} data-testid="fba-shipment" data-confirmation-id={s.confirmationId ?? ''}>
            <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
              <Typography variant="h6" sx={{ fontFamily: 'monospace' }} data-testid="shipment-confirmation-id">
                {s.confirmationId ?? s.amazonShipmentId}
              </Typography>
              <Chip label={t('fba.shipments.to', { fc: s.destinationFc ?? '?' })} data-testid="shipment-fc" />
              {s.status ? <Chip variant="outlined" label={s.status} data-testid="shipment-status" /> : null}
              <Typography variant="body2" color="text.secondary" sx={{ flex: 1 }}>
                {s.name}
              </Typography>
            </Stack>
            <Typography variant="body2" sx={{ mt: 0.5 }} data-testid="shipment-tracking">
              {t('fba.shipments.tracking')}: {s.tracking.length > 0 ? s.tracking.join(', ') : '—'}
            </Typography>
            {s.destinationAddress.length > 0 ? (
              <Typography variant="caption" color="text.secondary">
                {s.destinationAddress.join(', ')}
              </Typography>
            ) : null}
            <Box sx={{ mt: 1 }}>
              <LinearProgress variant="determinate" color="success" value={shipped > 0 ? Math.min(100, (100 * received) / shipped) : 0} sx={{ height: 8, borderRadius: 4 }} />
              <Typography variant="caption" data-testid="shipment-received">
                {t('fba.list.received', { received, shipped })}
              </Typography>
            </Box>
            <Table size="small" sx={{ mt: 1 }}>
              <TableHead>
                <TableRow>
                  <TableCell>MSKU</TableCell>
                  <TableCell>FNSKU</TableCell>
                  <TableCell align="right">{t('fba.shipments.shipped')}</TableCell>
                  <TableCell align="right">{t('fba.shipments.received')}</TableCell>
                  <TableCell align="right">{t('fba.shipments.discrepancy')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {s.items.map((i) => (
                  <TableRow key={i.msku} data-testid={`shipment-item-${i.msku}`}>
                    <TableCell>{i.msku}</TableCell>
                    <TableCell sx={{ fontFamily: 'monospace' }}>{i.fnsku ?? '—'}</TableCell>
                    <TableCell align="right">{i.shipped}</TableCell>
                    <TableCell align="right" data-testid="item-received">
                      {i.received}
                    </TableCell>
                    <TableCell align="right" data-testid="item-discrepancy" sx={{ color: i.discrepancy ? (i.discrepancy < 0 ? 'error.main' : 'warning.main') : undefined, fontWeight: i.discrepancy ? 600 : undefined }}>
                      {i.discrepancy === null ? t('fba.shipments.receiving') : i.discrepancy === 0 ? '0' : i.discrepancy > 0 ? `+${i.discrepancy}` : String(i.discrepancy)}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Paper>
        );
      })}
    </Stack>
  );
}
