import type { ConnectionTest } from '../../shared/ipc/channels/amazon';
import type { useT } from '../i18n';

export function connectionTestText(t: ReturnType<typeof useT>, result: ConnectionTest): string {
  return result.ok
    ? t('connect.ok', { latency: result.latencyMs, marketplaces: result.marketplaceIds })
    : t('connect.failed', { reason: t(`spapiError.${result.errorKind}`) });
}
