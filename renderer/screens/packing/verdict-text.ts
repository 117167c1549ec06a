import { ApiError } from '../../api/client';
import type { ScanEntry } from '../../db/scan-journal';
import type { MessageKey, useT } from '../../i18n';
import { describeError } from '../../i18n/describe-error';

type T = ReturnType<typeof useT>;

/** Refusals the station names in its own words (the rest come from main as errors with a reason). */
const VERDICT_REASONS = new Set(['unknown-code', 'wrong-item', 'bundle-code', 'cancelled', 'state-changed', 'over-quantity', 'double-scan']);

/** The verdict as the clerk reads it: a short headline and the detail under it. */
export function describeEntry(t: T, e: ScanEntry): { title: string; detail: string } {
  if (e.verdict === 'error') {
    const detail = e.error
      ? describeError(t, new ApiError(e.error.code as ApiError['code'], e.error.params as ApiError['params']))
      : e.reason && VERDICT_REASONS.has(e.reason)
        ? t(`packing.verdict.${e.reason}` as MessageKey, { sku: e.sku ?? '', code: e.code })
        : t('errors.internal');
    const title =
      e.kind === 'order'
        ? t('packing.title.cannotOpen')
        : e.kind === 'ship'
          ? t('packing.title.notShipped')
          : !e.error && e.reason && VERDICT_REASONS.has(e.reason)
            ? t(`packing.headline.${e.reason}` as MessageKey)
            : t('packing.title.refused');
    return { title, detail };
  }
  switch (e.kind) {
    case 'order':
      return { title: t('packing.title.opened'), detail: e.code };
    case 'item':
      return { title: t('packing.title.ok'), detail: t('packing.verdict.ok', { sku: e.sku ?? '', units: e.units ?? 1 }) };
    case 'tracking':
      return { title: t('packing.title.tracking'), detail: e.code };
    case 'ship':
      return { title: t('packing.title.shipped'), detail: t('packing.verdict.shipped', { orderId: e.code, tracking: e.tracking ?? '' }) };
  }
}
