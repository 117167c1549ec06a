import { Alert, AlertTitle, Button } from '@mui/material';
import { useT } from '../i18n';
import { useNavStore } from '../stores/nav.store';
import { useStatusStore } from '../stores/status.store';

/** Always visible while demo stores exist, so nobody mistakes simulated orders for real ones. */
export function DemoBanner() {
  const t = useT();
  const demo = useStatusStore((s) => s.status?.demo ?? false);
  const go = useNavStore((s) => s.go);
  if (!demo) return null;
  return (
    <Alert
      severity="warning"
      square
      data-testid="demo-banner"
      action={
        <Button color="inherit" size="small" onClick={() => go('settings')}>
          {t('demo.connect')}
        </Button>
      }
    >
      <AlertTitle sx={{ mb: 0 }}>{t('demo.title')}</AlertTitle>
      {t('demo.body')}
    </Alert>
  );
}
