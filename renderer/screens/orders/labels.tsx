import { Chip } from '@mui/material';
import type { OrderListRow, OrderWorkflowState } from '../../../shared/ipc/channels/orders-list';
import { dictionaries, useT, type MessageKey, type TranslateParams } from '../../i18n';

type T = (key: MessageKey, params?: TranslateParams) => string;
type ChipColor = 'default' | 'success' | 'warning' | 'error' | 'info' | 'primary';

const STATE_COLOR: Record<OrderWorkflowState, ChipColor> = {
  new: 'info',
  audited: 'primary',
  exception: 'error',
  allocated: 'warning',
  picking: 'warning',
  packed: 'success',
  shipped: 'default',
  delivered: 'default',
  cancelled: 'default',
};

const has = (key: string): key is MessageKey => Object.hasOwn(dictionaries['zh-CN'], key);

/** Amazon's status in the UI language; a status this build does not know shows as Amazon wrote it. */
export const amazonStatusLabel = (t: T, status: string): string => (has(`orders.amazon.${status}`) ? t(`orders.amazon.${status}` as MessageKey) : status);
/** An exception reason code in words; a code from a newer rule set shows as its code. */
export const exceptionLabel = (t: T, code: string): string => (has(`orders.exception.${code}`) ? t(`orders.exception.${code}` as MessageKey) : code);

/** The warehouse state when there is one, otherwise Amazon's status (FBA and closed orders). */
export function OrderStateChip({ row }: { row: Pick<OrderListRow, 'workflowState' | 'amazonStatus' | 'fulfilledBy'> }) {
  const t = useT();
  if (row.workflowState) {
    return (
      <Chip
        size="small"
        color={STATE_COLOR[row.workflowState]}
        variant={row.workflowState === 'cancelled' ? 'outlined' : 'filled'}
        label={t(`orders.state.${row.workflowState}`)}
        data-testid="order-state"
        data-state={row.workflowState}
      />
    );
  }
  return <Chip size="small" variant="outlined" label={amazonStatusLabel(t, row.amazonStatus)} data-testid="order-state" data-state={row.amazonStatus} />;
}
