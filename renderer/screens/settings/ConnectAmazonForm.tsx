import { Alert, Box, Button, Checkbox, FormControl, FormControlLabel, FormGroup, FormHelperText, FormLabel, MenuItem, Paper, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import type { ConnectionTest } from '../../../shared/ipc/channels/amazon';
import type { Marketplace, Region } from '../../../shared/domain/store';
import { api, ApiError } from '../../api/client';
import { connectionTestText } from '../../components/connection-test-text';
import { useT, type MessageKey } from '../../i18n';

interface FormState {
  name: string;
  region: Region;
  marketplaceIds: string[];
  sellerId: string;
  clientId: string;
  clientSecret: string;
  refreshToken: string;
}

const FIELD_LABELS: Record<string, MessageKey> = {
  name: 'field.name',
  region: 'field.region',
  marketplaceIds: 'field.marketplaceIds',
  sellerId: 'field.sellerId',
  clientId: 'field.clientId',
  clientSecret: 'field.clientSecret',
  refreshToken: 'field.refreshToken',
};

const EMPTY: FormState = { name: '', region: 'na', marketplaceIds: [], sellerId: '', clientId: '', clientSecret: '', refreshToken: '' };

export function ConnectAmazonForm({ marketplaces, domainOf }: { marketplaces: Marketplace[]; domainOf: (id: string) => string }) {
  const t = useT();
  const [form, setForm] = useState<FormState>(EMPTY);
  const [busy, setBusy] = useState(false);
  const [test, setTest] = useState<ConnectionTest | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  const badFields = new Set(error?.code === 'invalid-input' ? ([] as string[]).concat((error.params.fields as string[] | undefined) ?? [], (error.params.field as string | undefined) ?? []) : []);
  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => setForm((f) => ({ ...f, [key]: value }));
  const credentials = { clientId: form.clientId.trim(), clientSecret: form.clientSecret.trim(), refreshToken: form.refreshToken.trim() };

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    setSaved(null);
    try {
      await action();
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError('internal'));
    } finally {
      setBusy(false);
    }
  };

  const onTest = () => run(async () => setTest(await api.testCredentials({ region: form.region, ...credentials })));
  const onSave = () =>
    run(async () => {
      const store = await api.connectStore({
        name: form.name,
        region: form.region,
        marketplaceIds: form.marketplaceIds,
        ...(form.sellerId.trim() ? { sellerId: form.sellerId.trim() } : {}),
        ...credentials,
      });
      setSaved(store.name);
      setForm(EMPTY);
      setTest(null);
    });

  const field = (key: keyof FormState, label: MessageKey, extra: Record<string, unknown> = {}) => (
    <TextField
      label={t(label)}
      value={form[key]}
      onChange={(e) => set(key, e.target.value as never)}
      error={badFields.has(key)}
      size="small"
      fullWidth
      autoComplete="off"
      slotProps={{ htmlInput: { 'data-testid': `connect-${key}`, spellCheck: false } }}
      {...extra}
    />
  );

  const fieldNames = [...badFields].map((f) => (FIELD_LABELS[f] ? t(FIELD_LABELS[f]) : f));

  return (
    <Paper sx={{ p: 2 }} data-testid="connect-amazon">
      <Typography variant="h6" component="h2" gutterBottom>
        {t('connect.title')}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        {t('connect.help')}
      </Typography>
      <Stack spacing={2} sx={{ maxWidth: 640 }}>
        {field('name', 'connect.name')}
        <TextField
          select
          size="small"
          label={t('connect.region')}
          value={form.region}
          onChange={(e) => setForm((f) => ({ ...f, region: e.target.value as Region, marketplaceIds: [] }))}
          slotProps={{ select: { inputProps: { 'data-testid': 'connect-region' } } }}
        >
          {(['na', 'eu', 'fe'] as const).map((r) => (
            <MenuItem key={r} value={r}>
              {t(`region.${r}`)}
            </MenuItem>
          ))}
        </TextField>
        <FormControl error={badFields.has('marketplaceIds')}>
          <FormLabel>{t('connect.marketplaces')}</FormLabel>
          <FormGroup row>
            {marketplaces
              .filter((m) => m.region === form.region)
              .map((m) => (
                <FormControlLabel
                  key={m.id}
                  label={m.domain}
                  control={
                    <Checkbox
                      size="small"
                      checked={form.marketplaceIds.includes(m.id)}
                      onChange={(e) => set('marketplaceIds', e.target.checked ? [...form.marketplaceIds, m.id] : form.marketplaceIds.filter((x) => x !== m.id))}
                      slotProps={{ input: { 'aria-label': m.domain } }}
                    />
                  }
                />
              ))}
          </FormGroup>
          {badFields.has('marketplaceIds') ? <FormHelperText>{t('field.marketplaceIds')}</FormHelperText> : null}
        </FormControl>
        {field('sellerId', 'connect.sellerId')}
        {field('clientId', 'connect.clientId')}
        {field('clientSecret', 'connect.clientSecret', { type: 'password' })}
        {field('refreshToken', 'connect.refreshToken', { type: 'password' })}
        <Box sx={{ display: 'flex', gap: 1 }}>
          <Button variant="outlined" disabled={busy} onClick={() => void onTest()} data-testid="connect-test">
            {t('connect.test')}
          </Button>
          <Button variant="contained" disabled={busy} onClick={() => void onSave()} data-testid="connect-save">
            {t('connect.save')}
          </Button>
        </Box>
        {busy ? <Alert severity="info">{t('connect.testing')}</Alert> : null}
        {test ? (
          <Alert severity={test.ok ? 'success' : 'error'} data-testid="connect-result">
            {connectionTestText(t, test, domainOf)}
          </Alert>
        ) : null}
        {error ? (
          <Alert severity="error" data-testid="connect-error">
            {t(`errors.${error.code}`, { ...error.params, fields: fieldNames })}
          </Alert>
        ) : null}
        {saved ? (
          <Alert severity="success" data-testid="connect-saved">
            {t('connect.saved', { name: saved })}
          </Alert>
        ) : null}
      </Stack>
    </Paper>
  );
}
