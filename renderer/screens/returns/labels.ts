import { returnReasonCodes, type Disposition, type ReturnReason, type ReturnStatus } from '../../../shared/domain/returns';
import type { MessageKey } from '../../i18n';

export const STATUS_COLOR: Record<ReturnStatus, 'warning' | 'info' | 'primary' | 'default'> = { open: 'warning', received: 'info', inspected: 'primary', closed: 'default' };

export const statusKey = (s: ReturnStatus): MessageKey => `returns.status.${s}`;
export const reasonKey = (r: ReturnReason): MessageKey => `returns.reason.${r}`;
export const dispositionKey = (d: Disposition): MessageKey => `returns.disposition.${d}`;

const isReason = (code: string): code is ReturnReason => (returnReasonCodes as readonly string[]).includes(code);

/** Reason codes are stored as text: one a newer build wrote still shows, as its code. */
export function reasonText(t: (key: MessageKey) => string, code: string | null): string {
  if (!code) return '—';
  return isReason(code) ? t(reasonKey(code)) : code;
}
