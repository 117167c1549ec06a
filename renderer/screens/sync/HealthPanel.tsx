import { Alert, Box, Button, Paper, Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { formatDateTime, useLocaleStore, useT } from '../../i18n';
import { useSyncStore } from '../../stores/sync.store';
import { CallsChart } from './CallsChart';
import { DeadLetters, OutboxQueue } from './DeadLetters';
import { JobMetrics } from './JobMetrics';
import { MorningCheck } from './MorningCheck';

function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <Paper sx={{ p: 2 }} data-testid={testId}>
      <Typography variant="subtitle1" component="h3" sx={{ mb: 1 }}>
        {title}
      </Typography>
      {children}
    </Paper>
  );
}

/** The "morning check" under the jobs table: findings, per-job figures, the chart, the outbox and its failures. */
export function HealthPanel() {
  const t = useT();
  const locale = useLocaleStore((s) => s.locale);
  const { health, healthError, retrying, refreshHealth, retryDead } = useSyncStore();
  if (!health) return healthError ? <Alert severity="error">{t(`errors.${healthError.code}`, healthError.params)}</Alert> : null;
  const storeNames = new Map(health.outbox.map((o) => [o.storeId, o.storeName]));

  return (
    <Box component="section" aria-labelledby="health-title" sx={{ mt: 3, display: 'flex', flexDirection: 'column', gap: 2 }} data-testid="sync-health">
      <Stack direction="row" spacing={2} sx={{ alignItems: 'baseline' }}>
        <Typography id="health-title" variant="h6" component="h2">
          {t('sync.health.title')}
        </Typography>
        <Typography variant="body2" color="text.secondary" sx={{ flex: 1 }}>
          {t('sync.health.window', { hours: health.hours })} · {t('sync.health.updated', { time: formatDateTime(locale, health.generatedAt) })}
        </Typography>
        <Button size="small" onClick={() => void refreshHealth()} data-testid="health-refresh">
          {t('sync.health.refresh')}
        </Button>
      </Stack>
      {healthError ? <Alert severity="error">{t(`errors.${healthError.code}`, healthError.params)}</Alert> : null}
      <Paper sx={{ p: 2 }}>
        <MorningCheck checks={health.checks} />
      </Paper>
      <Paper sx={{ p: 2 }}>
        <CallsChart series={health.series} hours={health.hours} />
      </Paper>
      <Section title={t('sync.metrics.title')}>
        <JobMetrics metrics={health.metrics} storeNames={storeNames} />
      </Section>
      {/* Full width, one under the other: side by side, the dead-letter columns wrapped Chinese text a character a line. */}
      <Section title={t('sync.outbox.title')}>
        <OutboxQueue outbox={health.outbox} />
      </Section>
      <Section title={t('sync.dead.title')}>
        <DeadLetters rows={health.deadLetters} retrying={retrying} onRetry={(seq) => void retryDead(seq)} />
      </Section>
    </Box>
  );
}
