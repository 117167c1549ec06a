import { Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import type { OpenTransfer } from '../../../shared/domain/inventory';
import { ApiError } from '../../api/client';
import { formatDateTime, useLocaleStore, useT } from '../../i18n';
import { describeError } from '../../i18n/describe-error';

/** Stock on its way between places; the receiving side books each transfer in when the goods arrive. */
export function TransfersDialog({ transfers, onReceive, onClose }: { transfers: OpenTransfer[]; onReceive(transferId: string): Promise<void>; onClose(): void }) {
  const t = useT();
  const locale = useLocaleStore((s) => s.locale);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  async function receive(id: string) {
    setBusy(id);
    try {
      await onReceive(id);
      setError(null);
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError('internal'));
    } finally {
      setBusy(null);
    }
  }

  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth aria-labelledby="transfers-title">
      <DialogTitle id="transfers-title">{t('inventory.transfers.title')}</DialogTitle>
      <DialogContent>
        {transfers.length === 0 ? <Typography color="text.secondary">{t('inventory.transfers.empty')}</Typography> : null}
        {transfers.map((x) => (
          <Stack key={x.transferId} direction="row" spacing={2} sx={{ alignItems: 'center', py: 1, borderBottom: 1, borderColor: 'divider' }} data-testid="transfer-row">
            <Box sx={{ flex: 1, minWidth: 0 }}>
              <Typography variant="body2" sx={{ fontWeight: 600 }}>
                <Box component="span" sx={{ fontFamily: 'monospace' }}>
                  {x.sku}
                </Box>{' '}
                · {x.name}
              </Typography>
              <Typography variant="body2">{t('inventory.transfers.line', { from: x.fromWarehouseCode, to: x.toWarehouseCode, qty: x.quantity })}</Typography>
              <Typography variant="caption" color="text.secondary">
                {t('inventory.transfers.shipped', { time: formatDateTime(locale, x.shippedAt), actor: x.shippedBy })}
                {x.note ? ` · ${x.note}` : ''}
              </Typography>
            </Box>
            <Button variant="outlined" onClick={() => void receive(x.transferId)} disabled={busy !== null} data-testid="transfer-receive">
              {t('inventory.transfers.receive')}
            </Button>
          </Stack>
        ))}
        {error ? <Alert severity="error" sx={{ mt: 1 }}>{describeError(t, error)}</Alert> : null}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('common.close')}</Button>
      </DialogActions>
    </Dialog>
  );
}
