import { Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import type { ReconClaim } from '../../../shared/domain/reconciliation';
import { formatDateTime, useLocaleStore, useT } from '../../i18n';

/** Claim drafts with Amazon's deadline and the days left, soonest first. */
export function ClaimsTable({ claims }: { claims: ReconClaim[] }) {
  const t = useT();
  const locale = useLocaleStore((s) => s.locale);
  return (
    <>
      <Typography variant="h6" component="h2">
        {t('recon.cases.title')}
      </Typography>
      <Table size="small" data-testid="recon-cases">
        <TableHead>
          <TableRow sx={{ '& th': { whiteSpace: 'nowrap' } }}>
            <TableCell>{t('recon.cases.col.sku')}</TableCell>
            <TableCell>{t('recon.cases.col.cause')}</TableCell>
            <TableCell align="right">{t('recon.cases.col.quantity')}</TableCell>
            <TableCell>{t('recon.cases.col.evidence')}</TableCell>
            <TableCell>{t('recon.cases.col.deadline')}</TableCell>
            <TableCell>{t('recon.cases.col.reason')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {claims.map((c) => (
            <TableRow key={c.id} data-testid={`recon-case-${c.id}`}>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>
                {c.sku}
                <Typography variant="caption" color="text.secondary" component="div">
                  {c.warehouseCode}
                </Typography>
              </TableCell>
              <TableCell>{t(`recon.stock.cause.${c.cause}`)}</TableCell>
              <TableCell align="right">{c.quantity}</TableCell>
              <TableCell>
                <Typography variant="body2">{t('recon.cases.evidence', { msku: c.evidence.sellerSku ?? '—', fnsku: c.evidence.fnsku ?? '—', expected: c.evidence.expected, amazon: c.evidence.amazon })}</Typography>
                {c.evidence.shipments.map((s) => (
                  <Typography key={s.shipmentId} variant="caption" color="text.secondary" component="div">
                    {t('recon.cases.shipment', { shipment: s.shipmentId, shipped: s.shipped, received: s.received, boxes: s.boxes.join(', ') || '—' })}
                  </Typography>
                ))}
              </TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap', color: c.daysLeft < 7 ? 'error.main' : undefined }} data-testid={`recon-case-days-${c.id}`}>
                {formatDateTime(locale, c.deadlineAt)}
                <Typography variant="caption" component="div">
                  {c.daysLeft >= 0 ? t('recon.cases.daysLeft', { days: c.daysLeft }) : t('recon.cases.expired')}
                </Typography>
              </TableCell>
              <TableCell>{c.reason}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
}
