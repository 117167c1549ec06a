import { Box, Button, MenuItem, Stack, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import type { InspectionEntry, ReturnDetail } from '../../../shared/domain/returns';
import { useT } from '../../i18n';

type Split = { restock: number; scrap: number; supplier: number };

interface Props {
  detail: ReturnDetail;
  warehouses: readonly { id: number; code: string; name: string }[];
  suppliers: readonly { id: number; name: string }[];
  busy: boolean;
  onInspect(entries: InspectionEntry[]): void;
}

const whole = (n: number) => Number.isInteger(n) && n >= 0;

/**
 * 质检: every unit counted in gets one fate. Nothing is preset, so a damaged unit never lands on the shelf because the
 * clerk did not look; the button waits until each line's units are all placed.
 */
export function InspectForm({ detail, warehouses, suppliers, busy, onInspect }: Props) {
  const t = useT();
  const lines = detail.lines.filter((l) => l.receivedQuantity > 0);
  const [split, setSplit] = useState<Record<number, Split>>(() => Object.fromEntries(lines.map((l) => [l.id, { restock: 0, scrap: 0, supplier: 0 }])));
  const [warehouseId, setWarehouseId] = useState<number | ''>(detail.warehouseId ?? warehouses[0]?.id ?? '');
  const [supplierId, setSupplierId] = useState<number | ''>('');
  const [supplierReason, setSupplierReason] = useState('');
  const [note, setNote] = useState('');

  const of = (id: number): Split => split[id] ?? { restock: 0, scrap: 0, supplier: 0 };
  const left = (id: number, received: number) => received - of(id).restock - of(id).scrap - of(id).supplier;
  const anyRestock = lines.some((l) => of(l.id).restock > 0);
  const anySupplier = lines.some((l) => of(l.id).supplier > 0);
  const valid =
    lines.every((l) => whole(of(l.id).restock) && whole(of(l.id).scrap) && whole(of(l.id).supplier) && left(l.id, l.receivedQuantity) === 0) &&
    (!anyRestock || warehouseId !== '') &&
    (!anySupplier || (supplierId !== '' && supplierReason.trim() !== ''));

  function submit() {
    const entries: InspectionEntry[] = [];
    const extra = note.trim() ? { note: note.trim() } : {};
    for (const l of lines) {
      const s = of(l.id);
      if (s.restock > 0 && warehouseId !== '') entries.push({ lineId: l.id, disposition: 'restock', quantity: s.restock, warehouseId, ...extra });
      if (s.scrap > 0) entries.push({ lineId: l.id, disposition: 'scrap', quantity: s.scrap, ...extra });
      if (s.supplier > 0 && supplierId !== '') entries.push({ lineId: l.id, disposition: 'return-to-supplier', quantity: s.supplier, supplierId, reason: supplierReason.trim(), ...extra });
    }
    onInspect(entries);
  }

  const cell = (lineId: number, key: keyof Split) => (
    <TextField
      size="small"
      type="number"
      value={Number.isNaN(of(lineId)[key]) ? '' : of(lineId)[key]}
      error={!whole(of(lineId)[key])}
      onChange={(e) => setSplit({ ...split, [lineId]: { ...of(lineId), [key]: e.target.value === '' ? Number.NaN : Number(e.target.value) } })}
      sx={{ width: 72 }}
      slotProps={{ htmlInput: { min: 0, 'data-testid': `inspect-${key}` } }}
    />
  );

  return (
    <Stack spacing={1.5} data-testid="return-inspect">
      <Typography variant="subtitle1" sx={{ fontWeight: 600 }}>
        {t('returns.inspect.title')}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {t('returns.inspect.help')}
      </Typography>
      <Table size="small" sx={{ '& th': { whiteSpace: 'nowrap' } }}>
        <TableHead>
          <TableRow>
            <TableCell>{t('returns.line.sku')}</TableCell>
            <TableCell align="right">{t('returns.line.received')}</TableCell>
            <TableCell align="right">{t('returns.disposition.restock')}</TableCell>
            <TableCell align="right">{t('returns.disposition.scrap')}</TableCell>
            <TableCell align="right">{t('returns.disposition.return-to-supplier')}</TableCell>
            <TableCell align="right">{t('returns.inspect.leftCol')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {lines.map((l) => {
            const rest = left(l.id, l.receivedQuantity);
            return (
              <TableRow key={l.id} data-testid={`inspect-line-${l.sku}`}>
                <TableCell sx={{ fontFamily: 'monospace' }}>{l.sku}</TableCell>
                <TableCell align="right">{l.receivedQuantity}</TableCell>
                <TableCell align="right">{cell(l.id, 'restock')}</TableCell>
                <TableCell align="right">{cell(l.id, 'scrap')}</TableCell>
                <TableCell align="right">{cell(l.id, 'supplier')}</TableCell>
                <TableCell align="right" sx={{ color: rest === 0 ? 'success.main' : 'error.main', fontWeight: 600 }} data-testid="inspect-left">
                  {rest}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      <Stack direction="row" spacing={1.5} sx={{ flexWrap: 'wrap', alignItems: 'flex-start' }} useFlexGap>
        {anyRestock ? (
          <TextField select size="small" label={t('returns.inspect.warehouse')} value={warehouseId} onChange={(e) => setWarehouseId(Number(e.target.value))} sx={{ width: 200 }} slotProps={{ select: { inputProps: { 'data-testid': 'inspect-warehouse' } } }}>
            {warehouses.map((w) => (
              <MenuItem key={w.id} value={w.id}>
                {w.code} · {w.name}
              </MenuItem>
            ))}
          </TextField>
        ) : null}
        {anySupplier ? (
          <>
            <TextField select size="small" required label={t('returns.inspect.supplier')} value={supplierId} onChange={(e) => setSupplierId(Number(e.target.value))} sx={{ width: 200 }} slotProps={{ select: { inputProps: { 'data-testid': 'inspect-supplier' } } }}>
              {suppliers.length === 0 ? <MenuItem disabled>{t('returns.inspect.noSuppliers')}</MenuItem> : null}
              {suppliers.map((s) => (
                <MenuItem key={s.id} value={s.id}>
                  {s.name}
                </MenuItem>
              ))}
            </TextField>
            <TextField size="small" required label={t('returns.inspect.supplierReason')} value={supplierReason} onChange={(e) => setSupplierReason(e.target.value)} sx={{ width: 220 }} slotProps={{ htmlInput: { maxLength: 200, 'data-testid': 'inspect-supplier-reason' } }} />
          </>
        ) : null}
        <TextField size="small" label={t('returns.inspect.note')} value={note} onChange={(e) => setNote(e.target.value)} sx={{ flex: 1, minWidth: 200 }} slotProps={{ htmlInput: { maxLength: 500, 'data-testid': 'inspect-note' } }} />
      </Stack>
      <Box>
        <Button variant="contained" disabled={busy || !valid} onClick={submit} data-testid="return-inspect-submit">
          {t('returns.inspect.submit')}
        </Button>
      </Box>
    </Stack>
  );
}
