import { Alert, AlertTitle, Box, Typography } from '@mui/material';
import { useT, type MessageKey } from '../../i18n';

/** An honest page for a screen whose issue has not landed: says so, shows no sample data. */
export function NotBuiltScreen({ label, plan }: { label: MessageKey; plan: MessageKey }) {
  const t = useT();
  return (
    <Box sx={{ p: 3, maxWidth: 720 }}>
      <Typography variant="h5" component="h1" gutterBottom>
        {t(label)}
      </Typography>
      <Alert severity="info" data-testid="not-built">
        <AlertTitle>{t('notBuilt.title', { screen: t(label) })}</AlertTitle>
        {t('notBuilt.body')}
        <Box component="p" sx={{ mb: 0 }}>
          {t('notBuilt.planned', { plan: t(plan) })}
        </Box>
      </Alert>
    </Box>
  );
}
