import { Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import type { PurchaseOrder, ReceiveInput } from '../../../shared/domain/purchasing';
import { useT } from '../../i18n';
import { describeError } from '../../i18n/describe-error';
import { useSubmit } from '../../components/use-submit';

interface Entry {
  passed: string;
  failed: string;
  note: string;
}

/** '' counts as 0 so a clerk can clear a box; anything but a whole number is NaN. */
const units = (text: string): number => (text.trim() === '' ? 0 : /^\d{1,7}$/.test(text.trim()) ? Number(text.trim()) : NaN);

interface Props {
  order: PurchaseOrder;
  onClose(): void;
  onSubmit(lines: ReceiveInput['lines']): Promise<void>;
}

/**
 * One delivery at the door: per open line, units that passed QC (stocked) and units that failed (recorded, not
 * stocked). Every unit still open is assumed to have arrived and passed until the clerk says otherwise.
 */
export function ReceiveDialog({ order, onClose, onSubmit }: Props) {
  const t = useT();
  const lines = order.lines.filter((l) => l.openQuantity > 0);
  const [entries, setEntries] = useState<Record<number, Entry>>(() => Object.fromEntries(lines.map((l) => [l.id, { passed: String(l.openQuantity), failed: '0', note: '' }])));
  const { busy, error, run } = useSubmit(onClose);

  const rows = lines.map((l) => {
    const e = entries[l.id] ?? { passed: '', failed: '', note: '' };
    const passed = units(e.passed);
    const failed = units(e.failed);
    const invalid = Number.isNaN(passed) || Number.isNaN(failed);
    const tooMany = !invalid && passed + failed > l.openQuantity;
    return { line: l, entry: e, passed, failed, invalid, tooMany };
  });
  const toSend = rows.filter((r) => !r.invalid && r.passed + r.failed > 0);
  const totalPassed = toSend.reduce((s, r) => s + r.passed, 0);
  const totalFailed = toSend.reduce((s, r) => s + r.failed, 0);
  const ready = !busy && toSend.length > 0 && rows.every((r) => !r.invalid && !r.tooMany);

  const edit = (lineId: number, patch: Partial<Entry>) => setEntries((all) => ({ ...all, [lineId]: { ...(all[lineId] ?? { passed: '', failed: '', note: '' }), ...patch } }));

  async function submit() {
    if (!ready) return;
    await run(() => onSubmit(toSend.map((r) => ({ lineId: r.line.id, passed: r.passed, failed: r.failed, ...(r.entry.note.trim() ? { qcNote: r.entry.note.trim() } : {}) }))));
  }

  return (
    <Dialog open onClose={onClose} maxWidth="md" fullWidth aria-labelledby="receive-title">
      <DialogTitle id="receive-title">{t('purchasing.receive.title', { number: order.number })}</DialogTitle>
      <DialogContent>
        <Box component="form" id="receive-form" onSubmit={(e) => (e.preventDefault(), void submit())}>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
            {t('purchasing.receive.intro', { warehouse: `${order.warehouseCode} · ${order.warehouseName}` })}
          </Typography>
          <Table size="small" sx={{ '& th': { whiteSpace: 'nowrap' }, '& td': { verticalAlign: 'top' } }}>
            <TableHead>
              <TableRow>
                <TableCell>{t('purchasing.lcol.sku')}</TableCell>
                <TableCell align="right">{t('purchasing.lcol.open')}</TableCell>
                <TableCell sx={{ width: 120 }}>{t('purchasing.rcol.passed')}</TableCell>
                <TableCell sx={{ width: 120 }}>{t('purchasing.rcol.failed')}</TableCell>
                <TableCell>{t('purchasing.rcol.note')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map(({ line, entry, invalid, tooMany }) => (
                <TableRow key={line.id} data-testid={`receive-line-${line.sku}`}>
                  <TableCell sx={{ maxWidth: 220 }}>
                    <Typography variant="body2" sx={{ fontFamily: 'monospace' }}>
                      {line.sku}
                    </Typography>
                    <Typography variant="caption" color="text.secondary" component="div" sx={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} title={line.name}>
                      {line.name}
                    </Typography>
                  </TableCell>
                  <TableCell align="right" sx={{ fontVariantNumeric: 'tabular-nums', pt: 2 }} data-testid="receive-open">
                    {line.openQuantity}
                  </TableCell>
                  <TableCell>
                    <TextField
                      size="small"
                      value={entry.passed}
                      onChange={(e) => edit(line.id, { passed: e.target.value })}
                      error={invalid || tooMany}
                      slotProps={{ htmlInput: { inputMode: 'numeric', 'aria-label': t('purchasing.receive.passedFor', { sku: line.sku }), 'data-testid': 'receive-passed' } }}
                    />
                  </TableCell>
                  <TableCell>
                    <TextField
                      size="small"
                      value={entry.failed}
                      onChange={(e) => edit(line.id, { failed: e.target.value })}
                      error={invalid || tooMany}
                      slotProps={{ htmlInput: { inputMode: 'numeric', 'aria-label': t('purchasing.receive.failedFor', { sku: line.sku }), 'data-testid': 'receive-failed' } }}
                    />
                  </TableCell>
                  <TableCell>
                    <TextField
                      size="small"
                      fullWidth
                      value={entry.note}
                      onChange={(e) => edit(line.id, { note: e.target.value })}
                      placeholder={t('purchasing.receive.notePlaceholder')}
                      slotProps={{ htmlInput: { maxLength: 500, 'data-testid': 'receive-note' } }}
                    />
                    {invalid || tooMany ? (
                      <Typography variant="caption" color="error" component="div" sx={{ mt: 0.5 }} data-testid="receive-line-error">
                        {invalid ? t('purchasing.receive.invalid') : t('purchasing.receive.tooMany', { open: line.openQuantity })}
                      </Typography>
                    ) : null}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <Typography variant="body2" sx={{ mt: 2, fontWeight: 600 }} data-testid="receive-summary">
            {t('purchasing.receive.summary', { passed: totalPassed, failed: totalFailed })}
          </Typography>
          {error ? (
            <Alert severity="error" sx={{ mt: 2 }} data-testid="receive-error">
              {describeError(t, error)}
            </Alert>
          ) : null}
        </Box>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button type="submit" form="receive-form" variant="contained" disabled={!ready} data-testid="receive-submit">
          {t('purchasing.receive.submit')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
