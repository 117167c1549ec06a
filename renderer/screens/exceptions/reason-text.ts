import type { ExceptionParams, ExceptionReason } from '../../../shared/domain/fulfillment';
import type { Locale } from '../../../shared/domain/locale';
import { dictionaries, type MessageKey, type TranslateParams } from '../../i18n';
import { formatMoney } from '../purchasing/format';

type T = (key: MessageKey, params?: TranslateParams) => string;

const has = (key: string): key is MessageKey => Object.hasOwn(dictionaries['zh-CN'], key);
const word = (t: T, key: string, fallback: string) => (has(key) ? t(key) : fallback);
const others = (t: T, n: number) => (n > 0 ? t('exceptions.others', { n }) : '');

/**
 * An exception's reason as a sentence, from the params the audit recorded (never PII). A reason or shape this build
 * does not know falls back to the reason's short label rather than showing raw JSON.
 */
export function reasonText(t: T, locale: Locale, code: ExceptionReason, raw: Record<string, unknown>): string {
  try {
    switch (code) {
      case 'address-incomplete': {
        const p = raw as ExceptionParams<'address-incomplete'>;
        const fields = p.fields.map((f) => word(t, `exceptions.field.${f}`, f)).join(locale === 'zh-CN' ? '、' : ', ');
        return p.requiredBy === 'carrier'
          ? t('exceptions.msg.address-incomplete.carrier', { fields, carrier: p.carrierCode ?? '—' })
          : t('exceptions.msg.address-incomplete.country', { fields, country: p.country ?? '—' });
      }
      case 'po-box': {
        const p = raw as ExceptionParams<'po-box'>;
        const field = word(t, `exceptions.field.${p.field}`, p.field);
        return p.carrierCode ? t('exceptions.msg.po-box.carrier', { field, carrier: p.carrierCode }) : t('exceptions.msg.po-box.none', { field });
      }
      case 'stock-insufficient': {
        const p = raw as ExceptionParams<'stock-insufficient'>;
        return t(`exceptions.msg.stock-insufficient.${p.cause}`, { sku: p.sku, needed: p.needed, available: p.available }) + others(t, p.otherSkus);
      }
      case 'high-value': {
        const p = raw as ExceptionParams<'high-value'>;
        return t('exceptions.msg.high-value', { total: formatMoney(locale, p.totalMinor, p.currency), threshold: formatMoney(locale, p.thresholdMinor, p.currency) });
      }
      case 'duplicate-order': {
        const p = raw as ExceptionParams<'duplicate-order'>;
        return t(`exceptions.msg.duplicate-order.${p.match}`, { other: p.otherOrderId, hours: p.windowHours });
      }
      case 'sku-unmapped': {
        const p = raw as ExceptionParams<'sku-unmapped'>;
        return t('exceptions.msg.sku-unmapped', { sku: p.sellerSku }) + others(t, p.otherSkus);
      }
      case 'weight-unknown': {
        const p = raw as ExceptionParams<'weight-unknown'>;
        return t('exceptions.msg.weight-unknown', { sku: p.sku }) + others(t, p.otherSkus);
      }
      case 'no-carrier-rule': {
        const p = raw as ExceptionParams<'no-carrier-rule'>;
        return t('exceptions.msg.no-carrier-rule', { country: p.country ?? '—', weight: p.weightG === null ? '—' : `${p.weightG} g`, rules: p.rules });
      }
      case 'order-changed': {
        const p = raw as ExceptionParams<'order-changed'>;
        return t('exceptions.msg.order-changed', { units: p.units, state: word(t, `orders.state.${p.state}`, p.state) });
      }
    }
  } catch {
    // Params of an older or newer shape: the label still says what kind of problem it is.
  }
  return word(t, `orders.exception.${code}`, code);
}
