import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import type { InventoryRow, Warehouse } from '../../../shared/domain/inventory';
import { useT } from '../../i18n';
import { describeError } from '../../i18n/describe-error';
import { useSubmit } from '../../components/use-submit';

interface Props {
  row: InventoryRow;
  /** The seller's own places: FBA stock arrives through inbound shipments, not transfers. */
  warehouses: Warehouse[];
  onClose(): void;
  onSubmit(input: { fromWarehouseId: number; toWarehouseId: number; quantity: number; note?: string }): Promise<void>;
}

/** 调拨: units leave one place now and show in transit at the other until received there. */
export function TransferDialog({ row, warehouses, onClose, onSubmit }: Props) {
  const t = useT();
  const stocked = warehouses.filter((w) => (row.places.find((p) => p.warehouseId === w.id)?.available ?? 0) > 0);
  const [from, setFrom] = useState<number | ''>(stocked.length === 1 ? stocked[0]!.id : '');
  const [to, setTo] = useState<number | ''>('');
  const [quantity, setQuantity] = useState('');
  const [note, setNote] = useState('');
  const { busy, error, run } = useSubmit(onClose);

  const qty = /^\d{1,7}$/.test(quantity.trim()) ? Number(quantity.trim()) : NaN;
  const available = row.places.find((p) => p.warehouseId === from)?.available ?? 0;
  const ready = from !== '' && to !== '' && from !== to && Number.isInteger(qty) && qty > 0 && !busy;

  async function submit() {
    if (from === '' || to === '' || from === to || !(qty > 0)) return;
    await run(() => onSubmit({ fromWarehouseId: from, toWarehouseId: to, quantity: qty, ...(note.trim() ? { note: note.trim() } : {}) }));
  }

  return (
    <Dialog open onClose={onClose} maxWidth="xs" fullWidth aria-labelledby="transfer-title">
      <DialogTitle id="transfer-title">{t('inventory.transfer.title', { sku: row.sku })}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }} component="form" id="transfer-form" onSubmit={(e) => (e.preventDefault(), void submit())}>
          <Typography variant="body2" color="text.secondary">
            {t('inventory.transfer.help')}
          </Typography>
          <TextField select label={t('inventory.transfer.from')} value={from} onChange={(e) => setFrom(Number(e.target.value))} required slotProps={{ select: { inputProps: { 'data-testid': 'transfer-from' } } }}>
            {stocked.map((w) => (
              <MenuItem key={w.id} value={w.id}>
                {w.code} · {w.name}
              </MenuItem>
            ))}
          </TextField>
          <TextField select label={t('inventory.transfer.to')} value={to} onChange={(e) => setTo(Number(e.target.value))} required slotProps={{ select: { inputProps: { 'data-testid': 'transfer-to' } } }}>
            {warehouses
              .filter((w) => w.id !== from)
              .map((w) => (
                <MenuItem key={w.id} value={w.id}>
                  {w.code} · {w.name}
                </MenuItem>
              ))}
          </TextField>
          <TextField
            label={t('inventory.adjust.quantity')}
            value={quantity}
            onChange={(e) => setQuantity(e.target.value)}
            required
            error={quantity !== '' && !(qty > 0)}
            helperText={from !== '' && qty > 0 ? t('inventory.adjust.preview', { before: available, after: available - qty }) : ' '}
            slotProps={{ htmlInput: { inputMode: 'numeric', 'data-testid': 'transfer-quantity' } }}
          />
          <TextField label={t('inventory.adjust.note')} value={note} onChange={(e) => setNote(e.target.value)} slotProps={{ htmlInput: { maxLength: 500, 'data-testid': 'transfer-note' } }} />
          {error ? <Alert severity="error" data-testid="transfer-error">{describeError(t, error)}</Alert> : null}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button type="submit" form="transfer-form" variant="contained" disabled={!ready} data-testid="transfer-submit">
          {t('inventory.transfer.submit')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
