import { Box, Button, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import type { ReturnDetail } from '../../../shared/domain/returns';
import { decimalToMinor } from '../../../shared/money';
import { formatDateTime, useLocaleStore, useT } from '../../i18n';
import { formatMoney } from '../purchasing/format';

interface Props {
  detail: ReturnDetail;
  busy: boolean;
  onRefund(amountMinor: number): void;
}

/** The refund written off against the order, in its currency, with the order's total and net beside it. */
export function RefundForm({ detail, busy, onRefund }: Props) {
  const t = useT();
  const locale = useLocaleStore((s) => s.locale);
  const [text, setText] = useState('');
  const currency = detail.currency;
  if (!detail.orderId || !currency) {
    return (
      <Typography variant="body2" color="text.secondary" data-testid="return-refund-none">
        {t('returns.refund.noOrder')}
      </Typography>
    );
  }
  const money = (minor: number) => formatMoney(locale, minor, currency);
  const refunds = detail.otherRefundsMinor + (detail.refundMinor ?? 0);
  const amount = text.trim() === '' ? null : decimalToMinor(text, currency);
  const cap = detail.refundCapMinor ?? 0;
  const valid = amount !== null && amount > 0 && amount <= cap;
  return (
    <Stack spacing={1} data-testid="return-refund">
      <Typography variant="subtitle1" sx={{ fontWeight: 600 }}>
        {t('returns.refund.title')}
      </Typography>
      {detail.orderTotalMinor !== null ? (
        <Typography variant="body2" data-testid="return-order-net">
          {t('returns.refund.net', { total: money(detail.orderTotalMinor), refunds: money(refunds), net: money(detail.orderTotalMinor - refunds) })}
        </Typography>
      ) : null}
      {detail.refundMinor !== null ? (
        <Typography variant="body2" sx={{ fontWeight: 600 }} data-testid="return-refunded">
          {t('returns.refund.done', { amount: money(detail.refundMinor), at: detail.refundedAt ? formatDateTime(locale, detail.refundedAt) : '' })}
        </Typography>
      ) : detail.status !== 'closed' && detail.orderTotalMinor !== null ? (
        <Stack direction="row" spacing={1.5} sx={{ alignItems: 'flex-start' }}>
          <TextField
            size="small"
            label={t('returns.refund.amount', { currency })}
            value={text}
            onChange={(e) => setText(e.target.value)}
            error={text.trim() !== '' && !valid}
            helperText={t('returns.refund.cap', { max: money(cap) })}
            sx={{ width: 200 }}
            slotProps={{ htmlInput: { inputMode: 'decimal', 'data-testid': 'return-refund-amount' } }}
          />
          <Box>
            <Button variant="outlined" disabled={busy || !valid} onClick={() => amount !== null && onRefund(amount)} data-testid="return-refund-submit">
              {t('returns.refund.submit')}
            </Button>
          </Box>
        </Stack>
      ) : null}
    </Stack>
  );
}
