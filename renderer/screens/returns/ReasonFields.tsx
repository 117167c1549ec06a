import { MenuItem, TextField } from '@mui/material';
import { returnReasonCodes, type ReturnReason } from '../../../shared/domain/returns';
import { useT } from '../../i18n';
import { reasonKey } from './labels';

interface Props {
  reason: ReturnReason | '';
  note: string;
  warehouseId: number | '';
  warehouses: readonly { id: number; code: string; name: string }[];
  onChange(patch: { reason?: ReturnReason; note?: string; warehouseId?: number }): void;
}

/** Why it came back, a note, and where the parcel is received: the fields every new return asks for. */
export function ReasonFields({ reason, note, warehouseId, warehouses, onChange }: Props) {
  const t = useT();
  return (
    <>
      <TextField
        select
        size="small"
        required
        label={t('returns.create.reason')}
        value={reason}
        onChange={(e) => onChange({ reason: e.target.value as ReturnReason })}
        sx={{ width: 200 }}
        slotProps={{ select: { inputProps: { 'data-testid': 'return-reason' } } }}
      >
        {returnReasonCodes.map((r) => (
          <MenuItem key={r} value={r} data-testid={`return-reason-${r}`}>
            {t(reasonKey(r))}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        select
        size="small"
        label={t('returns.create.warehouse')}
        value={warehouseId}
        onChange={(e) => onChange({ warehouseId: Number(e.target.value) })}
        sx={{ width: 200 }}
      >
        {warehouses.map((w) => (
          <MenuItem key={w.id} value={w.id}>
            {w.code} · {w.name}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        size="small"
        label={t('returns.create.note')}
        value={note}
        onChange={(e) => onChange({ note: e.target.value })}
        sx={{ flex: 1, minWidth: 200 }}
        slotProps={{ htmlInput: { maxLength: 500, 'data-testid': 'return-note' } }}
      />
    </>
  );
}
