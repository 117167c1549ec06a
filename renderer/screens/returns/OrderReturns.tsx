import { Box, Chip, Stack, Typography } from '@mui/material';
import type { OrderReturn } from '../../../shared/domain/returns';
import { useLocaleStore, useT } from '../../i18n';
import { formatMoney } from '../purchasing/format';
import { STATUS_COLOR, statusKey } from './labels';

interface Props {
  returns: readonly OrderReturn[];
  totalMinor: number | null;
  currency: string | null;
}

/** The order drawer's 售后 section: each return's status and refund, and what the order nets after them. */
export function OrderReturns({ returns, totalMinor, currency }: Props) {
  const t = useT();
  const locale = useLocaleStore((s) => s.locale);
  if (returns.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        {t('returns.order.none')}
      </Typography>
    );
  }
  const refunded = returns.reduce((n, r) => n + (r.refundMinor ?? 0), 0);
  return (
    <Stack spacing={0.75}>
      {returns.map((r) => (
        <Box key={r.id} sx={{ display: 'flex', alignItems: 'center', gap: 1, fontSize: 14 }} data-testid={`detail-return-${r.rmaNumber}`}>
          <Box component="span" sx={{ fontFamily: 'monospace' }}>
            {r.rmaNumber}
          </Box>
          <Chip size="small" color={STATUS_COLOR[r.status]} label={t(statusKey(r.status))} data-testid="detail-return-status" data-status={r.status} />
          {r.refundMinor !== null && r.currency ? (
            <Box component="span" data-testid="detail-return-refund">
              {t('returns.order.refund', { amount: formatMoney(locale, r.refundMinor, r.currency) })}
            </Box>
          ) : null}
        </Box>
      ))}
      {totalMinor !== null && currency && refunded > 0 ? (
        <Typography variant="body2" sx={{ fontWeight: 600 }} data-testid="detail-order-net">
          {t('returns.order.net', { net: formatMoney(locale, totalMinor - refunded, currency) })}
        </Typography>
      ) : null}
    </Stack>
  );
}
