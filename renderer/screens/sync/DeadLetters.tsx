import { Button, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import type { SyncHealth } from '../../../shared/domain/sync-health';
import { formatDateTime, useLocaleStore, useT } from '../../i18n';
import { deadReasonLabel, outboxKindLabel } from './labels';

/** What waits to go to Amazon, per store. */
export function OutboxQueue({ outbox }: { outbox: SyncHealth['outbox'] }) {
  const t = useT();
  return (
    <Table size="small" data-testid="outbox-queue">
      <TableHead>
        <TableRow sx={{ '& th': { whiteSpace: 'nowrap' } }}>
          <TableCell>{t('sync.col.store')}</TableCell>
          <TableCell align="right">{t('sync.outbox.col.pending')}</TableCell>
          <TableCell align="right">{t('sync.outbox.col.inFlight')}</TableCell>
          <TableCell align="right">{t('sync.outbox.col.dead')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {outbox.map((o) => (
          <TableRow key={o.storeId} data-testid={`outbox-${o.storeId}`} data-pending={o.pending} data-dead={o.dead}>
            <TableCell>{o.storeName}</TableCell>
            <TableCell align="right">{o.pending}</TableCell>
            <TableCell align="right">{o.inFlight}</TableCell>
            <TableCell align="right" sx={{ color: o.dead > 0 ? 'error.main' : undefined }}>
              {o.dead}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** Writes Amazon refused for good, with the reason in words and a retry that puts each back in its store's queue. */
export function DeadLetters({ rows, retrying, onRetry }: { rows: SyncHealth['deadLetters']; retrying: number | null; onRetry: (seq: number) => void }) {
  const t = useT();
  const locale = useLocaleStore((s) => s.locale);
  if (rows.length === 0) return <Typography data-testid="dead-none">{t('sync.dead.none')}</Typography>;
  return (
    <Table size="small" data-testid="dead-letters">
      <TableHead>
        <TableRow sx={{ '& th': { whiteSpace: 'nowrap' } }}>
          <TableCell>{t('sync.col.store')}</TableCell>
          <TableCell>{t('sync.dead.col.kind')}</TableCell>
          <TableCell>{t('sync.dead.col.order')}</TableCell>
          <TableCell>{t('sync.dead.col.reason')}</TableCell>
          <TableCell align="right">{t('sync.dead.col.attempts')}</TableCell>
          <TableCell>{t('sync.dead.col.createdAt')}</TableCell>
          <TableCell />
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((d) => (
          <TableRow key={d.seq} data-testid={`dead-${d.seq}`}>
            <TableCell>{d.storeName}</TableCell>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>{outboxKindLabel(t, d.kind)}</TableCell>
            <TableCell sx={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>{d.orderId ?? '—'}</TableCell>
            <TableCell>{deadReasonLabel(t, d.reasonCode)}</TableCell>
            <TableCell align="right">{d.attempts}</TableCell>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDateTime(locale, d.createdAt)}</TableCell>
            <TableCell align="right">
              <Button size="small" variant="outlined" disabled={retrying !== null} onClick={() => onRetry(d.seq)} data-testid={`dead-retry-${d.seq}`}>
                {t('sync.dead.retry')}
              </Button>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
