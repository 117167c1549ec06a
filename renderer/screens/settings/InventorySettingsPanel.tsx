import { Alert, Box, Button, Paper, Stack, TextField, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { api, ApiError } from '../../api/client';
import { useT } from '../../i18n';
import { describeError } from '../../i18n/describe-error';

/** The FBM safety buffer: units of each merchant-fulfilled offer kept back from Amazon against a miscount. */
export function InventorySettingsPanel() {
  const t = useT();
  const [saved, setSaved] = useState<number | null>(null);
  const [value, setValue] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api.inventorySettings().then(
      (s) => {
        setSaved(s.fbmSafetyBuffer);
        setValue(String(s.fbmSafetyBuffer));
      },
      (err: unknown) => setError(err instanceof ApiError ? err : new ApiError('internal')),
    );
  }, []);

  const units = /^\d{1,6}$/.test(value.trim()) ? Number(value.trim()) : NaN;
  const valid = Number.isInteger(units) && units <= 100_000;

  async function save() {
    if (!valid) return;
    setBusy(true);
    try {
      const s = await api.updateInventorySettings({ fbmSafetyBuffer: units });
      setSaved(s.fbmSafetyBuffer);
      setError(null);
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError('internal'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Paper sx={{ p: 2 }}>
      <Typography variant="h6" component="h2" gutterBottom>
        {t('settings.inventory.title')}
      </Typography>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-start' }}>
        <Box sx={{ maxWidth: 240 }}>
          <TextField
            label={t('settings.inventory.buffer')}
            value={value}
            onChange={(e) => setValue(e.target.value)}
            error={value !== '' && !valid}
            helperText={value !== '' && !valid ? t('settings.inventory.bufferInvalid') : ' '}
            slotProps={{ htmlInput: { inputMode: 'numeric', 'data-testid': 'fbm-buffer' } }}
          />
        </Box>
        <Button variant="outlined" onClick={() => void save()} disabled={!valid || busy || units === saved} sx={{ mt: 1 }} data-testid="fbm-buffer-save">
          {t('settings.inventory.save')}
        </Button>
      </Stack>
      <Typography variant="body2" color="text.secondary">
        {t('settings.inventory.help')}
      </Typography>
      {error ? <Alert severity="error" sx={{ mt: 1 }}>{describeError(t, error)}</Alert> : null}
    </Paper>
  );
}
