import { Alert, Box, Button, Paper, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import type { NewReturn, ReturnableOrder, ReturnReason } from '../../../shared/domain/returns';
import { formatDateTime, useLocaleStore, useT } from '../../i18n';
import { ReasonFields } from './ReasonFields';

interface Props {
  product: { id: number; sku: string; name: string };
  orders: readonly ReturnableOrder[];
  warehouses: readonly { id: number; code: string; name: string }[];
  busy: boolean;
  onChoose(order: ReturnableOrder): void;
  onCreate(input: NewReturn): void;
}

/**
 * A unit came back with no label to go by: the recent shipped orders holding its product, newest first, so the clerk
 * picks the buyer's; when none fits, the unit is booked as a return with no order.
 */
export function ProductCandidates({ product, orders, warehouses, busy, onChoose, onCreate }: Props) {
  const t = useT();
  const locale = useLocaleStore((s) => s.locale);
  const [quantity, setQuantity] = useState(1);
  const [form, setForm] = useState<{ reason: ReturnReason | ''; note: string; warehouseId: number | '' }>({ reason: '', note: '', warehouseId: warehouses[0]?.id ?? '' });
  const valid = form.reason !== '' && Number.isInteger(quantity) && quantity >= 1 && quantity <= 10_000;
  return (
    <Stack spacing={2} data-testid="return-product">
      <Typography variant="h6" component="h2">
        {t('returns.product.title', { sku: product.sku, name: product.name })}
      </Typography>
      {orders.length > 0 ? (
        <>
          <Typography variant="subtitle2">{t('returns.product.orders')}</Typography>
          <Stack spacing={1}>
            {orders.map((o) => (
              <Paper key={o.orderId} variant="outlined" sx={{ p: 1.5, display: 'flex', alignItems: 'center', gap: 2 }} data-testid={`return-candidate-${o.orderId}`}>
                <Box sx={{ flex: 1, minWidth: 0 }}>
                  <Typography sx={{ fontFamily: 'monospace' }}>{o.orderId}</Typography>
                  <Typography variant="body2" color="text.secondary">
                    {formatDateTime(locale, o.createdAt)}
                    {o.trackingNumbers.length > 0 ? ` · ${o.trackingNumbers.join(', ')}` : ''}
                    {' · '}
                    {o.lines.map((l) => `${l.productSku ?? l.sellerSku ?? '—'} ×${l.returnable}`).join(', ')}
                  </Typography>
                </Box>
                <Button variant="outlined" onClick={() => onChoose(o)} data-testid="return-candidate-choose">
                  {t('returns.product.choose')}
                </Button>
              </Paper>
            ))}
          </Stack>
        </>
      ) : (
        <Alert severity="info" data-testid="return-product-none">
          {t('returns.product.none')}
        </Alert>
      )}
      <Typography variant="subtitle2">{t('returns.product.unlinked')}</Typography>
      <Stack direction="row" spacing={1.5} sx={{ flexWrap: 'wrap', alignItems: 'flex-start' }} useFlexGap>
        <TextField
          size="small"
          type="number"
          label={t('returns.product.quantity')}
          value={Number.isNaN(quantity) ? '' : quantity}
          onChange={(e) => setQuantity(e.target.value === '' ? Number.NaN : Number(e.target.value))}
          error={!Number.isInteger(quantity) || quantity < 1}
          sx={{ width: 100 }}
          slotProps={{ htmlInput: { min: 1 } }}
        />
        <ReasonFields reason={form.reason} note={form.note} warehouseId={form.warehouseId} warehouses={warehouses} onChange={(patch) => setForm({ ...form, ...patch })} />
      </Stack>
      <Box>
        <Button
          variant="outlined"
          disabled={busy || !valid}
          data-testid="return-unlinked-submit"
          onClick={() =>
            form.reason !== '' &&
            onCreate({
              reasonCode: form.reason,
              sourceKind: 'product',
              sourceCode: product.sku,
              ...(form.note.trim() ? { note: form.note.trim() } : {}),
              ...(form.warehouseId !== '' ? { warehouseId: form.warehouseId } : {}),
              lines: [{ productId: product.id, quantity }],
            })
          }
        >
          {t('returns.product.unlinkedSubmit')}
        </Button>
      </Box>
    </Stack>
  );
}
