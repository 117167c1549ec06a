import { Alert, Button, CircularProgress, Stack, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import type { PlanDetail } from '../../../shared/domain/fba-inbound';
import { formatDuration } from '../../components/format-duration';
import { useT } from '../../i18n';
import { stepText } from './fba-text';

/** While Amazon works on a step: what it is doing, for how long, and a way to ask now instead of waiting for the job. */
export function OperationWait({ plan, busy, onCheckNow }: { plan: PlanDetail; busy: boolean; onCheckNow(): void }) {
  const t = useT();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const op = plan.operation;
  const seconds = op ? Math.max(0, (now - Date.parse(op.startedAt)) / 1000) : null;
  return (
    <Alert
      severity="info"
      icon={<CircularProgress size={20} />}
      data-testid="fba-operation"
      action={
        <Button color="inherit" size="small" onClick={onCheckNow} disabled={busy} data-testid="fba-check-now">
          {t('fba.op.checkNow')}
        </Button>
      }
    >
      <Stack spacing={0.25}>
        <Typography variant="body2" sx={{ fontWeight: 600 }}>
          {op ? t('fba.op.running', { step: stepText(t, op.kind) }) : t('fba.op.queued', { step: stepText(t, plan.step) })}
        </Typography>
        {seconds !== null ? (
          <Typography variant="caption" data-testid="fba-operation-elapsed">
            {t('fba.op.since', { duration: formatDuration(t, seconds) })}
          </Typography>
        ) : null}
      </Stack>
    </Alert>
  );
}
