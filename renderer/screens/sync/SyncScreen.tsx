import { Alert, Box, Button, Chip, Paper, Stack, Table, TableBody, TableCell, TableHead, TableRow, Tooltip, Typography } from '@mui/material';
import { useEffect } from 'react';
import type { JobStatus } from '../../../shared/domain/sync';
import { formatDuration } from '../../components/format-duration';
import { formatDateTime, useLocaleStore, useT, type MessageKey } from '../../i18n';
import { useSyncStore } from '../../stores/sync.store';
import { HealthPanel } from './HealthPanel';
import { jobLabel } from './labels';

const stateColor = { idle: 'success', running: 'info', paused: 'warning', error: 'error', 'no-credentials': 'default' } as const;
const SPAPI_KINDS = new Set(['throttled', 'auth', 'invalid-input', 'not-found', 'server', 'network', 'invalid-response']);

export function SyncScreen() {
  const t = useT();
  const locale = useLocaleStore((s) => s.locale);
  const { status, error, follow, act } = useSyncStore();
  useEffect(() => follow(), [follow]);

  const progress = (j: JobStatus) => {
    if (!j.progress) return '—';
    const mode = j.progress.mode === 'backfill' ? t('sync.mode.backfill') : t('sync.mode.incremental');
    const text = t('sync.progress', { mode, pages: j.progress.pages, items: j.progress.items });
    return j.progress.etaSeconds ? `${text} · ${t('sync.eta', { time: formatDuration(t, j.progress.etaSeconds) })}` : text;
  };

  const errorText = (j: JobStatus) => {
    if (!j.lastError) return '—';
    const label = SPAPI_KINDS.has(j.lastError.kind) ? t(`spapiError.${j.lastError.kind}` as MessageKey) : t('errors.internal');
    return (
      <Tooltip title={j.lastError.message}>
        <span>{label}</span>
      </Tooltip>
    );
  };

  return (
    <Box sx={{ p: 3 }}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 2 }}>
        <Typography variant="h5" component="h1" sx={{ flex: 1 }}>
          {t('sync.title')}
        </Typography>
        <Button variant="contained" onClick={() => void act('runNow')} disabled={!status || status.paused || status.jobs.length === 0} data-testid="sync-run-now">
          {t('sync.runNow')}
        </Button>
        {status?.paused ? (
          <Button variant="outlined" onClick={() => void act('resume')} data-testid="sync-resume">
            {t('sync.resume')}
          </Button>
        ) : (
          <Button variant="outlined" onClick={() => void act('pause')} disabled={!status} data-testid="sync-pause">
            {t('sync.pause')}
          </Button>
        )}
      </Stack>
      {error ? <Alert severity="error">{t(`errors.${error.code}`, error.params)}</Alert> : null}
      {status?.paused ? (
        <Alert severity="warning" sx={{ mb: 2 }} data-testid="sync-paused">
          {t('sync.pausedNote')}
        </Alert>
      ) : null}
      {!status ? (
        <Typography>{t('app.loading')}</Typography>
      ) : status.jobs.length === 0 ? (
        <Typography data-testid="sync-no-jobs">{t('sync.noJobs')}</Typography>
      ) : (
        <Paper>
          <Table size="small" data-testid="sync-jobs">
            <TableHead>
              <TableRow>
                <TableCell>{t('sync.col.store')}</TableCell>
                <TableCell>{t('sync.col.job')}</TableCell>
                <TableCell>{t('sync.col.state')}</TableCell>
                <TableCell>{t('sync.col.lastSuccess')}</TableCell>
                <TableCell>{t('sync.col.nextRun')}</TableCell>
                <TableCell>{t('sync.col.progress')}</TableCell>
                <TableCell>{t('sync.col.error')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {status.jobs.map((j) => (
                <TableRow key={`${j.storeId}:${j.job}`} data-testid={`sync-job-${j.storeId}-${j.job}`} data-state={j.state}>
                  <TableCell>{j.storeName}</TableCell>
                  <TableCell>{jobLabel(t, j.job)}</TableCell>
                  <TableCell>
                    <Chip size="small" color={stateColor[j.state]} label={t(`sync.state.${j.state}`)} />
                  </TableCell>
                  <TableCell>{j.lastSuccessAt ? formatDateTime(locale, j.lastSuccessAt) : t('sync.never')}</TableCell>
                  <TableCell>{j.nextRunAt ? formatDateTime(locale, j.nextRunAt) : '—'}</TableCell>
                  <TableCell>{progress(j)}</TableCell>
                  <TableCell>{errorText(j)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Paper>
      )}
      {status && status.jobs.length > 0 ? <HealthPanel /> : null}
    </Box>
  );
}
