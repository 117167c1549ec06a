import { Box } from '@mui/material';
import type { LateOrder } from '../../../shared/domain/sync-health';
import { formatInZone } from '../../../shared/marketplace-time';
import { useLocaleStore, useT } from '../../i18n';
import { deadlineText, URGENCY_COLOR } from './countdown';
import { useNow } from './useNow';

/**
 * The morning check's late-risk orders: each with the time left (or how late it is) and its ship-by in the
 * marketplace's own time, soonest first.
 */
export function LateOrdersList({ orders, total }: { orders: readonly LateOrder[]; total: number }) {
  const t = useT();
  const locale = useLocaleStore((s) => s.locale);
  const now = useNow();
  const more = total - orders.length;
  return (
    <Box component="ul" sx={{ m: 0, mt: 0.5, pl: 2.5, fontSize: 14 }} data-testid="late-orders">
      {orders.map((o) => {
        const d = deadlineText(t, o.shipByLatest, now);
        return (
          <Box component="li" key={o.orderId} sx={{ color: URGENCY_COLOR[d.urgency] }} data-testid={`late-order-${o.orderId}`} data-urgency={d.urgency}>
            {t('orders.lateItem', { id: o.orderId, store: o.storeName, left: d.text, time: formatInZone(o.shipByLatest, o.timeZone, locale) })}
          </Box>
        );
      })}
      {more > 0 ? (
        <Box component="li" sx={{ color: 'text.secondary' }}>
          {t('orders.moreLines', { n: more })}
        </Box>
      ) : null}
    </Box>
  );
}
