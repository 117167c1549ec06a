import { Alert, Box, Button, Chip, Stack, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import type { NewReturn, ReturnableOrder, ReturnReason } from '../../../shared/domain/returns';
import { formatDateTime, useLocaleStore, useT } from '../../i18n';
import { formatMoney } from '../purchasing/format';
import { STATUS_COLOR, statusKey } from './labels';
import { ReasonFields } from './ReasonFields';

interface Props {
  order: ReturnableOrder;
  sourceKind: NonNullable<NewReturn['sourceKind']>;
  sourceCode: string;
  warehouses: readonly { id: number; code: string; name: string }[];
  busy: boolean;
  onCreate(input: NewReturn): void;
  onOpenReturn(id: number): void;
}

/** A return for one order: how many of each shipped line came back (at most what is still returnable), and why. */
export function CreateReturnPanel({ order, sourceKind, sourceCode, warehouses, busy, onCreate, onOpenReturn }: Props) {
  const t = useT();
  const locale = useLocaleStore((s) => s.locale);
  // A scanned parcel usually holds everything still returnable: start there, the clerk lowers what is missing.
  const [quantities, setQuantities] = useState<Record<string, number>>(() => Object.fromEntries(order.lines.map((l) => [l.orderItemId, l.returnable])));
  const [form, setForm] = useState<{ reason: ReturnReason | ''; note: string; warehouseId: number | '' }>({ reason: '', note: '', warehouseId: warehouses[0]?.id ?? '' });
  const chosen = order.lines.filter((l) => (quantities[l.orderItemId] ?? 0) > 0);
  const valid = form.reason !== '' && chosen.length > 0 && order.lines.every((l) => Number.isInteger(quantities[l.orderItemId]) && (quantities[l.orderItemId] ?? 0) >= 0 && (quantities[l.orderItemId] ?? 0) <= l.returnable);
  const nothing = order.lines.every((l) => l.returnable === 0);
  // The number just scanned is already named in the line above.
  const others = order.trackingNumbers.filter((n) => sourceKind !== 'tracking' || n.toUpperCase() !== sourceCode.toUpperCase());

  function submit() {
    if (!valid || form.reason === '') return;
    onCreate({
      orderId: order.orderId,
      reasonCode: form.reason,
      ...(form.note.trim() ? { note: form.note.trim() } : {}),
      ...(form.warehouseId !== '' ? { warehouseId: form.warehouseId } : {}),
      sourceKind,
      sourceCode,
      lines: chosen.map((l) => ({ orderItemId: l.orderItemId, quantity: quantities[l.orderItemId] ?? 0 })),
    });
  }

  return (
    <Stack spacing={2} data-testid="return-create" data-order={order.orderId}>
      <Box>
        <Typography variant="h6" component="h2" sx={{ fontFamily: 'monospace' }}>
          {t('returns.create.title', { orderId: order.orderId })}
        </Typography>
        <Typography variant="body2" color="text.secondary" data-testid="return-create-found">
          {sourceKind === 'tracking' ? t('returns.create.byTracking', { code: sourceCode }) : t('returns.create.byOrder')}
          {' · '}
          {formatDateTime(locale, order.createdAt)}
          {order.totalMinor !== null && order.currency ? ` · ${t('returns.create.total', { total: formatMoney(locale, order.totalMinor, order.currency) })}` : ''}
          {others.length > 0 ? ` · ${t('returns.create.tracking', { numbers: others.join(', ') })}` : ''}
        </Typography>
      </Box>
      {order.returns.length > 0 ? (
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
          <Typography variant="body2">{t('returns.create.existing')}</Typography>
          {order.returns.map((r) => (
            <Chip key={r.id} size="small" color={STATUS_COLOR[r.status]} variant="outlined" label={`${r.rmaNumber} · ${t(statusKey(r.status))}`} onClick={() => onOpenReturn(r.id)} />
          ))}
        </Stack>
      ) : null}
      {nothing ? (
        <Alert severity="info" data-testid="return-create-nothing">
          {t('returns.create.nothing')}
        </Alert>
      ) : null}
      <Table size="small" data-testid="return-create-lines" sx={{ '& th': { whiteSpace: 'nowrap' } }}>
        <TableHead>
          <TableRow>
            <TableCell>{t('returns.line.sku')}</TableCell>
            <TableCell>{t('returns.line.title')}</TableCell>
            <TableCell align="right">{t('returns.line.shipped')}</TableCell>
            <TableCell align="right">{t('returns.line.returned')}</TableCell>
            <TableCell align="right">{t('returns.line.quantity')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {order.lines.map((l) => {
            const q = quantities[l.orderItemId] ?? 0;
            const over = !Number.isInteger(q) || q < 0 || q > l.returnable;
            return (
              <TableRow key={l.orderItemId} data-testid={`return-create-line-${l.productSku ?? l.sellerSku ?? l.orderItemId}`}>
                <TableCell sx={{ fontFamily: 'monospace' }}>{l.productSku ?? l.sellerSku ?? '—'}</TableCell>
                <TableCell sx={{ maxWidth: 220, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} title={l.title ?? l.productName ?? undefined}>
                  {l.title ?? l.productName ?? l.sellerSku ?? '—'}
                </TableCell>
                <TableCell align="right">{l.shipped}</TableCell>
                <TableCell align="right">{l.returned}</TableCell>
                <TableCell align="right">
                  <TextField
                    size="small"
                    type="number"
                    value={Number.isNaN(q) ? '' : q}
                    error={over}
                    helperText={t('returns.line.returnable', { n: l.returnable })}
                    disabled={l.returnable === 0}
                    onChange={(e) => setQuantities({ ...quantities, [l.orderItemId]: e.target.value === '' ? Number.NaN : Number(e.target.value) })}
                    sx={{ width: 110 }}
                    slotProps={{ htmlInput: { min: 0, max: l.returnable, 'data-testid': 'return-create-qty' } }}
                  />
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      <Stack direction="row" spacing={1.5} sx={{ flexWrap: 'wrap', alignItems: 'flex-start' }} useFlexGap>
        <ReasonFields reason={form.reason} note={form.note} warehouseId={form.warehouseId} warehouses={warehouses} onChange={(patch) => setForm({ ...form, ...patch })} />
      </Stack>
      <Box>
        <Button variant="contained" disabled={busy || !valid} onClick={submit} data-testid="return-create-submit">
          {t('returns.create.submit')}
        </Button>
      </Box>
    </Stack>
  );
}
