import type { HealthCheck } from '../../../shared/domain/sync-health';
import type { Locale } from '../../../shared/domain/locale';
import { formatDateTime, type MessageKey, type useT } from '../../i18n';

type T = ReturnType<typeof useT>;

const JOB_LABELS: Record<string, MessageKey> = {
  orders: 'sync.job.orders',
  inventory: 'sync.job.inventory',
  listings: 'sync.job.listings',
  inbound: 'sync.job.inbound',
  finances: 'sync.job.finances',
  outbox: 'sync.job.outbox',
};
const OUTBOX_KINDS: Record<string, MessageKey> = { 'confirm-shipment': 'sync.outboxKind.confirm-shipment', 'fbm-quantity': 'sync.outboxKind.fbm-quantity' };
const DEAD_REASONS = new Set(['not-found', 'invalid-input', 'auth', 'no-credentials', 'attempts-exhausted', 'conflict', 'invalid-payload', 'unknown-kind']);

/** A job's name in the UI language; an operation no job owns keeps its SP-API name, which support can look up. */
export const jobLabel = (t: T, job: string): string => (JOB_LABELS[job] ? t(JOB_LABELS[job]) : job);
export const outboxKindLabel = (t: T, kind: string): string => (OUTBOX_KINDS[kind] ? t(OUTBOX_KINDS[kind]) : kind);
export const deadReasonLabel = (t: T, code: string): string =>
  DEAD_REASONS.has(code) ? t(`sync.deadReason.${code}` as MessageKey) : t('sync.deadReason.other');

const str = (v: unknown): string => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));

/** The service sends codes and numbers only; the sentence is built here, in the user's language. */
export function checkText(t: T, locale: Locale, check: HealthCheck): string {
  const p = check.params;
  const time = (v: unknown) => (typeof v === 'string' ? formatDateTime(locale, v) : t('sync.never'));
  const common = { store: str(p.storeName), job: jobLabel(t, str(p.job)) };
  switch (check.code) {
    case 'all-ok':
      return t('sync.check.all-ok');
    case 'stale-job':
      return p.lastSuccessAt ? t('sync.check.stale-job', { ...common, time: time(p.lastSuccessAt) }) : t('sync.check.stale-job.never', common);
    case 'dead-letters':
      return t('sync.check.dead-letters', { count: str(p.count) });
    case 'ship-by-soon':
      return t(Number(p.overdue) > 0 ? 'sync.check.ship-by-soon.overdue' : 'sync.check.ship-by-soon', {
        count: str(p.count),
        overdue: str(p.overdue),
        time: time(p.earliest),
      });
    case 'throttling-high':
      return t('sync.check.throttling-high', { ...common, pct: str(p.pct), throttled: str(p.throttled), calls: str(p.calls) });
    case 'auth-errors':
      return t('sync.check.auth-errors', { store: str(p.storeName), count: str(p.count) });
    case 'stock-deviation':
      return t('sync.check.stock-deviation', { count: str(p.count), units: str(p.units) });
  }
}
