import { Chip } from '@mui/material';
import type { CoverStatus, PurchaseOrderStatus } from '../../../shared/domain/purchasing';
import { useT } from '../../i18n';

type ChipColor = 'default' | 'success' | 'warning' | 'error' | 'info';

const COVER_COLOR: Record<CoverStatus, ChipColor> = { ok: 'success', reorder: 'warning', 'stockout-risk': 'error', 'no-sales': 'default' };
const ORDER_COLOR: Record<PurchaseOrderStatus, ChipColor> = { draft: 'default', sent: 'info', partial: 'warning', received: 'success', cancelled: 'default' };

export function CoverStatusChip({ status }: { status: CoverStatus }) {
  const t = useT();
  return <Chip size="small" color={COVER_COLOR[status]} variant={status === 'ok' ? 'outlined' : 'filled'} label={t(`purchasing.coverStatus.${status}`)} data-testid="cover-status" data-status={status} />;
}

export function OrderStatusChip({ status }: { status: PurchaseOrderStatus }) {
  const t = useT();
  return (
    <Chip
      size="small"
      color={ORDER_COLOR[status]}
      variant={status === 'cancelled' ? 'outlined' : 'filled'}
      label={t(`purchasing.status.${status}`)}
      data-testid="order-status"
      data-status={status}
    />
  );
}
