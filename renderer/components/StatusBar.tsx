import { Box, Chip, Stack, Typography } from '@mui/material';
import { formatDateTime, useLocaleStore, useT } from '../i18n';
import { useStatusStore } from '../stores/status.store';

const networkColor = { online: 'success', offline: 'error', unknown: 'default' } as const;
const syncColor = { never: 'default', idle: 'success', running: 'info', paused: 'warning', error: 'error' } as const;

export function StatusBar() {
  const t = useT();
  const locale = useLocaleStore((s) => s.locale);
  const { status, error } = useStatusStore();

  return (
    <Box
      component="footer"
      data-testid="status-bar"
      sx={{ px: 2, py: 0.5, borderTop: 1, borderColor: 'divider', bgcolor: 'background.paper' }}
    >
      {error && !status ? (
        <Typography variant="body2" color="error" data-testid="status-error">
          {t('status.unavailable')} — {t(`errors.${error.code}`, error.params)}
        </Typography>
      ) : !status ? (
        <Typography variant="body2">{t('app.loading')}</Typography>
      ) : (
        <Stack direction="row" spacing={1.5} sx={{ alignItems: "center" }}>
          <Typography variant="body2" data-testid="status-store">
            {t('status.store', { name: status.store ? status.store.name : t('status.noStore') })}
            {status.storeCount > 1 ? ` ${t('status.moreStores', { count: status.storeCount })}` : ''}
          </Typography>
          <Chip
            size="small"
            data-testid="status-network"
            data-state={status.network.state}
            color={networkColor[status.network.state]}
            label={t(`status.network.${status.network.state}`)}
          />
          <Chip
            size="small"
            data-testid="status-sync"
            data-state={status.sync.state}
            color={syncColor[status.sync.state]}
            label={
              t(`status.sync.${status.sync.state}`) +
              (status.sync.lastSuccessAt ? ` · ${t('status.sync.lastSuccess', { time: formatDateTime(locale, status.sync.lastSuccessAt) })}` : '')
            }
          />
          {status.outbox.pending > 0 ? (
            <Chip size="small" data-testid="status-outbox" color={status.network.state === 'offline' ? 'warning' : 'default'} label={t('status.outbox.pending', { n: status.outbox.pending })} />
          ) : null}
          {status.outbox.dead > 0 ? <Chip size="small" data-testid="status-outbox-dead" color="error" label={t('status.outbox.dead', { n: status.outbox.dead })} /> : null}
          <Box sx={{ flex: 1 }} />
          <Typography variant="caption" color="text.secondary">
            {t('status.version', { version: status.appVersion })}
          </Typography>
        </Stack>
      )}
    </Box>
  );
}
