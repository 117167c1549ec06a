import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, TextField } from '@mui/material';
import { useState } from 'react';
import { useT } from '../../i18n';

interface Props {
  action: 'override' | 'cancel';
  orderId: string;
  onClose(): void;
  onConfirm(note: string): Promise<void>;
}

/** Override and cancel both need a note (it goes to the audit log); cancelling also says plainly what it does. */
export function ResolveDialog({ action, orderId, onClose, onConfirm }: Props) {
  const t = useT();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const ok = note.trim().length > 0;
  const submit = async () => {
    if (!ok || busy) return;
    setBusy(true);
    try {
      await onConfirm(note.trim());
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" data-testid="resolve-dialog">
      <DialogTitle>{t(`exceptions.dialog.${action}.title`, { orderId })}</DialogTitle>
      <DialogContent>
        {action === 'cancel' ? (
          <Alert severity="warning" sx={{ mb: 2 }}>
            {t('exceptions.dialog.cancel.warning')}
          </Alert>
        ) : null}
        <TextField
          autoFocus
          fullWidth
          multiline
          minRows={2}
          label={t('exceptions.dialog.note')}
          helperText={t('exceptions.dialog.noteHelp')}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          slotProps={{ htmlInput: { maxLength: 500, 'data-testid': 'resolve-note' } }}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('exceptions.dialog.back')}</Button>
        <Button variant="contained" color={action === 'cancel' ? 'error' : 'primary'} disabled={!ok || busy} onClick={() => void submit()} data-testid="resolve-confirm">
          {t(`exceptions.dialog.${action}.confirm`)}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
