import { ApiError } from '../../api/client';
import type { PickEntry } from '../../db/pick-journal';
import type { MessageKey, useT } from '../../i18n';
import { describeError } from '../../i18n/describe-error';
import type { PickRefusal } from './pick-walk';

type T = ReturnType<typeof useT>;

/** Refusals the walk names in its own words; anything else came from main as an error with a reason. */
const REFUSALS: ReadonlySet<string> = new Set<PickRefusal>(['wrong-bin', 'scan-bin-first', 'stop-has-no-bin', 'wrong-item', 'over-quantity', 'unknown-code', 'double-scan', 'wave-done']);

export const intoText = (into: PickEntry['into']) => (into ?? []).map((p) => `${p.tote} ×${p.units}`).join(' · ');

/** The verdict as the picker reads it from a few steps away: a short headline and the detail under it. */
export function describePickEntry(t: T, e: PickEntry): { title: string; detail: string } {
  if (e.verdict === 'error') {
    if (e.error) return { title: t('picking.scan.title.refused'), detail: describeError(t, new ApiError(e.error.code as ApiError['code'], e.error.params as ApiError['params'])) };
    if (e.reason && REFUSALS.has(e.reason)) {
      const params = { code: e.code, expected: e.expected ?? '', sku: e.sku ?? '', left: e.left ?? 0, units: e.units ?? 0 };
      return { title: t(`picking.scan.headline.${e.reason}` as MessageKey), detail: t(`picking.scan.verdict.${e.reason}` as MessageKey, params) };
    }
    return { title: t('picking.scan.title.refused'), detail: t('errors.internal') };
  }
  switch (e.kind) {
    case 'bin':
      return { title: t('picking.scan.title.bin', { bin: e.code }), detail: t('picking.scan.ok.bin', { sku: e.sku ?? '' }) };
    case 'item':
      return { title: t('picking.scan.title.item', { sku: e.sku ?? '', units: e.units ?? 1 }), detail: t('picking.scan.ok.item', { into: intoText(e.into) }) };
    case 'short':
      return { title: t('picking.scan.title.short'), detail: t('picking.scan.ok.short', { sku: e.sku ?? '', units: e.units ?? 0, into: intoText(e.into) }) };
    case 'complete':
      return { title: t('picking.scan.title.complete'), detail: e.code };
  }
}
