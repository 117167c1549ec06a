import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { useSubmit } from '../../components/use-submit';
import { useT, type MessageKey } from '../../i18n';
import { describeError } from '../../i18n/describe-error';

interface Props {
  title: string;
  body: string;
  confirm: MessageKey;
  onClose(): void;
  onSubmit(reason: string): Promise<unknown>;
}

/** Asks why before a reconciliation action: the reason goes into the ledger row, the claim and the audit log. */
export function ReasonDialog({ title, body, confirm, onClose, onSubmit }: Props) {
  const t = useT();
  const [reason, setReason] = useState('');
  const { busy, error, run } = useSubmit(onClose);
  const ready = reason.trim() !== '' && !busy;
  const submit = () => {
    if (ready) void run(() => onSubmit(reason.trim()));
  };
  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth aria-labelledby="recon-reason-title">
      <DialogTitle id="recon-reason-title">{title}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }} component="form" onSubmit={(e) => (e.preventDefault(), submit())}>
          <Typography variant="body2">{body}</Typography>
          <TextField
            autoFocus
            label={t('recon.stock.reason')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            required
            multiline
            minRows={2}
            slotProps={{ htmlInput: { maxLength: 200, 'data-testid': 'recon-reason' } }}
          />
          {error && (
            <Alert severity="error" data-testid="recon-reason-error">
              {describeError(t, error)}
            </Alert>
          )}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('recon.stock.cancel')}</Button>
        <Button variant="contained" disabled={!ready} onClick={submit} data-testid="recon-reason-submit">
          {t(confirm)}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
