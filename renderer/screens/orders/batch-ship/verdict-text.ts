import type { BatchPreviewRow, BatchResult } from '../../../../shared/ipc/channels/shipping';
import type { ApiError } from '../../../api/client';
import { dictionaries, type MessageKey, type TranslateParams } from '../../../i18n';
import { describeError } from '../../../i18n/describe-error';

type T = (key: MessageKey, params?: TranslateParams) => string;

const has = (key: string): key is MessageKey => Object.hasOwn(dictionaries['zh-CN'], key);

/** A row of the carrier's file as the dialog shows it: the preview's verdict, or after confirming, what happened. */
export interface BatchRowView {
  line: number;
  orderId: string;
  carrierCode: string | null;
  carrierName: string | null;
  shippingService: string | null;
  carrierFrom: BatchPreviewRow['carrierFrom'];
  trackingNumber: string;
  verdict: BatchPreviewRow['verdict'] | BatchResult['outcome'];
  state: string | null;
  otherOrderId: string | null;
  otherLine: number | null;
}

/** The sentence for a row's verdict; the order's state is named in words. */
export function verdictText(t: T, row: BatchRowView): string {
  const key = `shipping.verdict.${row.verdict}`;
  if (!has(key)) return row.verdict;
  const state = row.state && has(`orders.state.${row.state}`) ? t(`orders.state.${row.state}` as MessageKey) : (row.state ?? '');
  return t(key, { state, carrier: row.carrierCode ?? '', otherOrderId: row.otherOrderId ?? '', otherLine: row.otherLine ?? '' });
}

/** A refusal of the whole file or selection: batch shipping's own sentences first, then the shared ones. */
export function describeBatchError(t: T, err: ApiError): string {
  const reason = err.params.reason;
  const key = `shipping.error.${String(reason)}`;
  if (typeof reason === 'string' && has(key)) {
    const column = err.params.column;
    const columnKey = `shipping.column.${String(column)}`;
    return t(key, { ...err.params, ...(typeof column === 'string' && has(columnKey) ? { column: t(columnKey) } : {}) });
  }
  return describeError(t, err);
}
