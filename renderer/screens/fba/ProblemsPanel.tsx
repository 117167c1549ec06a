import { Alert, AlertTitle, Box, Button, Typography } from '@mui/material';
import type { PlanDetail } from '../../../shared/domain/fba-inbound';
import { useT } from '../../i18n';
import { problemHint, stepText } from './fba-text';

/** Amazon refused the step: its own codes and messages, a sentence for the codes we know, and "retry" once fixed. */
export function ProblemsPanel({ plan, busy, onRetry }: { plan: PlanDetail; busy: boolean; onRetry(): void }) {
  const t = useT();
  return (
    <Alert
      severity="error"
      variant="outlined"
      data-testid="fba-problems"
      sx={{ bgcolor: '#fdecea' }}
      action={
        <Button color="error" variant="contained" size="small" onClick={onRetry} disabled={busy} data-testid="fba-retry">
          {t('fba.problems.retry')}
        </Button>
      }
    >
      <AlertTitle>{t('fba.problems.title', { step: stepText(t, plan.step) })}</AlertTitle>
      {plan.problems.map((p, i) => {
        const hint = problemHint(t, p);
        return (
          <Box key={i} sx={{ mb: 0.75 }} data-testid="fba-problem" data-code={p.code}>
            <Typography variant="body2" sx={{ fontFamily: 'monospace', fontWeight: 600 }}>
              {p.code}
            </Typography>
            <Typography variant="body2">{p.message}</Typography>
            {hint ? (
              <Typography variant="body2" sx={{ fontWeight: 600 }} data-testid="fba-problem-hint">
                {hint}
              </Typography>
            ) : null}
          </Box>
        );
      })}
      <Typography variant="caption">{t('fba.problems.fixThenRetry')}</Typography>
    </Alert>
  );
}
