import type { ConnectionTest } from '../../shared/ipc/channels/amazon';
import type { useT } from '../i18n';

/** `marketplaceName` turns ids into what sellers recognise (amazon.de); unknown ids stay as they are. */
export function connectionTestText(t: ReturnType<typeof useT>, result: ConnectionTest, marketplaceName: (id: string) => string = (id) => id): string {
  return result.ok
    ? t('connect.ok', { latency: result.latencyMs, marketplaces: result.marketplaceIds.map(marketplaceName) })
    : t('connect.failed', { reason: t(`spapiError.${result.errorKind}`) });
}
