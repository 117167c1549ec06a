import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, MenuItem, Stack, TextField, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import { useState } from 'react';
import { adjustmentReasons, type AdjustmentReason, type InventoryRow as StockRow, type Warehouse } from '../../../shared/domain/inventory';
import { useT, type MessageKey } from '../../i18n';
import { describeError } from '../../i18n/describe-error';
import { useSubmit } from '../../components/use-submit';

/** A reason that names a direction only goes that way round (the service refuses "+5 damaged" too). */
const REASONS_FOR: Record<'in' | 'out', AdjustmentReason[]> = {
  in: adjustmentReasons.filter((r) => r === 'count' || r === 'found' || r === 'other'),
  out: adjustmentReasons.filter((r) => r !== 'found'),
};

interface Props {
  row: StockRow;
  /** Places a clerk may count: FBA stock is Amazon's to report, so it is corrected by the sync, not by hand. */
  warehouses: Warehouse[];
  onClose(): void;
  onSubmit(input: { warehouseId: number; delta: number; reason: AdjustmentReason; note?: string }): Promise<void>;
}

export function AdjustStockDialog({ row, warehouses, onClose, onSubmit }: Props) {
  const t = useT();
  const [warehouseId, setWarehouseId] = useState<number | ''>(warehouses.length === 1 ? warehouses[0]!.id : '');
  const [direction, setDirection] = useState<'in' | 'out'>('out');
  const [quantity, setQuantity] = useState('');
  const [reason, setReason] = useState<AdjustmentReason | ''>('');
  const [note, setNote] = useState('');
  const { busy, error, run } = useSubmit(onClose);

  const qty = /^\d{1,7}$/.test(quantity.trim()) ? Number(quantity.trim()) : NaN;
  const qtyValid = Number.isInteger(qty) && qty > 0;
  const place = row.places.find((p) => p.warehouseId === warehouseId);
  const delta = qtyValid ? (direction === 'in' ? qty : -qty) : 0;
  const ready = warehouseId !== '' && qtyValid && reason !== '' && !busy;

  async function submit() {
    if (warehouseId === '' || reason === '' || !qtyValid) return;
    await run(() => onSubmit({ warehouseId, delta, reason, ...(note.trim() ? { note: note.trim() } : {}) }));
  }

  return (
    <Dialog open onClose={onClose} maxWidth="xs" fullWidth aria-labelledby="adjust-title">
      <DialogTitle id="adjust-title">{t('inventory.adjust.title', { sku: row.sku })}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }} component="form" id="adjust-form" onSubmit={(e) => (e.preventDefault(), void submit())}>
          <Typography variant="body2" color="text.secondary">
            {row.name}
          </Typography>
          <TextField select label={t('inventory.adjust.warehouse')} value={warehouseId} onChange={(e) => setWarehouseId(Number(e.target.value))} required slotProps={{ select: { inputProps: { 'data-testid': 'adjust-warehouse' } } }}>
            {warehouses.map((w) => (
              <MenuItem key={w.id} value={w.id}>
                {w.code} · {w.name}
              </MenuItem>
            ))}
          </TextField>
          <ToggleButtonGroup
            exclusive
            value={direction}
            onChange={(_, v: 'in' | 'out' | null) => {
              if (!v) return;
              setDirection(v);
              if (reason !== '' && !REASONS_FOR[v].includes(reason)) setReason('');
            }}
            fullWidth
            size="small"
          >
            <ToggleButton value="in" data-testid="adjust-in">
              {t('inventory.adjust.in')}
            </ToggleButton>
            <ToggleButton value="out" data-testid="adjust-out">
              {t('inventory.adjust.out')}
            </ToggleButton>
          </ToggleButtonGroup>
          <TextField
            label={t('inventory.adjust.quantity')}
            value={quantity}
            onChange={(e) => setQuantity(e.target.value)}
            required
            error={quantity !== '' && !qtyValid}
            helperText={
              quantity !== '' && !qtyValid
                ? t('inventory.adjust.quantityInvalid')
                : place && qtyValid
                  ? t('inventory.adjust.preview', { before: place.available, after: place.available + delta })
                  : ' '
            }
            slotProps={{ htmlInput: { inputMode: 'numeric', 'data-testid': 'adjust-quantity' } }}
          />
          <TextField select label={t('inventory.adjust.reason')} value={reason} onChange={(e) => setReason(e.target.value as AdjustmentReason)} required slotProps={{ select: { inputProps: { 'data-testid': 'adjust-reason' } } }}>
            {REASONS_FOR[direction].map((r) => (
              <MenuItem key={r} value={r} data-testid={`reason-${r}`}>
                {t(`inventory.reason.${r}` as MessageKey)}
              </MenuItem>
            ))}
          </TextField>
          <TextField label={t('inventory.adjust.note')} value={note} onChange={(e) => setNote(e.target.value)} multiline minRows={2} slotProps={{ htmlInput: { maxLength: 500, 'data-testid': 'adjust-note' } }} />
          {error ? <Alert severity="error" data-testid="adjust-error">{describeError(t, error)}</Alert> : null}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button type="submit" form="adjust-form" variant="contained" disabled={!ready} data-testid="adjust-submit">
          {t('inventory.adjust.submit')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
