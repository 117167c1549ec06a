import { ApiError } from '../../api/client';
import type { ScanEntry } from '../../db/scan-journal';
import type { MessageKey, TranslateParams, useT } from '../../i18n';
import { describeError } from '../../i18n/describe-error';

type T = ReturnType<typeof useT>;

/** Refusals the station names in its own words (the rest come from main as errors with a reason). */
const VERDICT_REASONS = new Set(['unknown-code', 'wrong-item', 'bundle-code', 'cancelled', 'state-changed', 'other-package', 'over-quantity', 'double-scan']);
/** Main's refusals of split packages and of packing to ship later, worded under the station's own keys. */
const PACKAGE_REASONS = new Set(['package-needs-tracking', 'already-packed', 'package-shipped', 'unknown-package']);

function errorDetail(t: T, e: ScanEntry): string {
  if (e.error) {
    const reason = e.error.params.reason;
    if (typeof reason === 'string' && PACKAGE_REASONS.has(reason)) return t(`packing.reason.${reason}` as MessageKey, e.error.params as TranslateParams);
    return describeError(t, new ApiError(e.error.code as ApiError['code'], e.error.params as ApiError['params']));
  }
  return e.reason && VERDICT_REASONS.has(e.reason) ? t(`packing.verdict.${e.reason}` as MessageKey, { sku: e.sku ?? '', code: e.code }) : t('errors.internal');
}

/** "Package 1 of 2" after a split order's package, nothing for a whole order. */
function packageNote(t: T, e: ScanEntry): string {
  if (!e.packageCount || e.packageCount < 2 || !e.packageNo) return '';
  const left = e.packagesLeft ?? 0;
  return ` · ${t('packing.package.of', { n: e.packageNo, count: e.packageCount })}${e.kind === 'ship' && left > 0 ? ` · ${t('packing.package.left', { left })}` : ''}`;
}

/** The verdict as the clerk reads it: a short headline and the detail under it. */
export function describeEntry(t: T, e: ScanEntry): { title: string; detail: string } {
  if (e.verdict === 'error') {
    const detail = errorDetail(t, e);
    const title =
      e.kind === 'order'
        ? t('packing.title.cannotOpen')
        : e.kind === 'ship'
          ? t('packing.title.notShipped')
          : e.kind === 'pack'
            ? t('packing.title.notPacked')
            : e.kind === 'slip'
              ? t('packing.title.slipFailed')
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
      return {
        title: (e.packagesLeft ?? 0) > 0 ? t('packing.title.packageShipped') : t('packing.title.shipped'),
        detail: t('packing.verdict.shipped', { orderId: e.code, tracking: e.tracking ?? '' }) + packageNote(t, e),
      };
    case 'pack':
      return { title: t('packing.title.packed'), detail: t('packing.verdict.packed', { orderId: e.code, weight: e.weightG ?? 0 }) + packageNote(t, e) };
    case 'slip':
      return { title: t('packing.title.slip'), detail: e.code };
  }
}
