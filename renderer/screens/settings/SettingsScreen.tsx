import { Alert, Box, Button, Chip, Paper, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useCallback, useEffect, useState } from 'react';
import type { ConnectionTest } from '../../../shared/ipc/channels/amazon';
import type { Marketplace, Store } from '../../../shared/domain/store';
import { api, ApiError, onEvent } from '../../api/client';
import { connectionTestText } from '../../components/connection-test-text';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { ConnectAmazonForm } from './ConnectAmazonForm';
import { FulfillmentRulesPanel } from './FulfillmentRulesPanel';
import { InventorySettingsPanel } from './InventorySettingsPanel';
import { WarehousesPanel } from './WarehousesPanel';
import { formatDateTime, useLocaleStore, useT } from '../../i18n';

export function SettingsScreen() {
  const t = useT();
  const locale = useLocaleStore((s) => s.locale);
  const [stores, setStores] = useState<Store[] | null>(null);
  const [marketplaces, setMarketplaces] = useState<Map<string, Marketplace>>(new Map());
  const [error, setError] = useState<ApiError | null>(null);
  const [tests, setTests] = useState<Record<number, ConnectionTest | 'running'>>({});

  const domainOf = (id: string) => marketplaces.get(id)?.domain ?? id;

  const testStore = async (storeId: number) => {
    setTests((m) => ({ ...m, [storeId]: 'running' }));
    try {
      const result = await api.testStoreConnection(storeId);
      setTests((m) => ({ ...m, [storeId]: result }));
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError('internal'));
      setTests((m) => Object.fromEntries(Object.entries(m).filter(([k]) => Number(k) !== storeId)));
    }
  };

  const load = useCallback(async () => {
    try {
      const [list, known] = await Promise.all([api.listStores(), api.listMarketplaces()]);
      setStores(list);
      setMarketplaces(new Map(known.map((m) => [m.id, m])));
      setError(null);
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError('internal'));
    }
  }, []);

  useEffect(() => {
    void load();
    return onEvent('system:status-changed', () => void load());
  }, [load]);

  return (
    <Box sx={{ p: 3, maxWidth: 960 }}>
      <Typography variant="h5" component="h1" gutterBottom>
        {t('settings.title')}
      </Typography>
      <Stack spacing={3}>
        <Paper sx={{ p: 2 }}>
          <Typography variant="h6" component="h2" gutterBottom>
            {t('settings.language')}
          </Typography>
          <Box sx={{ maxWidth: 320 }}>
            <LanguageSwitch id="settings-language" fullWidth />
          </Box>
          <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
            {t('settings.languageHelp')}
          </Typography>
        </Paper>
        <WarehousesPanel />
        <InventorySettingsPanel />
        <FulfillmentRulesPanel />
        <Paper sx={{ p: 2 }}>
          <Typography variant="h6" component="h2" gutterBottom>
            {t('settings.stores')}
          </Typography>
          {error ? (
            <Alert severity="error" action={<Button onClick={() => void load()}>{t('error.retry')}</Button>}>
              {t(`errors.${error.code}`, error.params)}
            </Alert>
          ) : stores === null ? (
            <Typography>{t('app.loading')}</Typography>
          ) : stores.length === 0 ? (
            <Typography data-testid="no-stores">{t('settings.noStores')}</Typography>
          ) : (
            <Table size="small" data-testid="stores-table">
              <TableHead>
                <TableRow>
                  <TableCell>{t('settings.storeName')}</TableCell>
                  <TableCell>{t('settings.storeRegion')}</TableCell>
                  <TableCell>{t('settings.storeMarketplaces')}</TableCell>
                  <TableCell>{t('settings.storeCreated')}</TableCell>
                  <TableCell />
                </TableRow>
              </TableHead>
              <TableBody>
                {stores.map((s) => (
                  <TableRow key={s.id}>
                    <TableCell sx={{ minWidth: 200 }}>
                      {s.name} {s.isDemo ? <Chip size="small" color="warning" label={t('settings.demoChip')} /> : null}
                    </TableCell>
                    <TableCell>{t(`region.${s.region}`)}</TableCell>
                    <TableCell>{s.marketplaceIds.map((id) => marketplaces.get(id)?.domain ?? id).join(', ')}</TableCell>
                    <TableCell>{formatDateTime(locale, s.createdAt)}</TableCell>
                    <TableCell sx={{ minWidth: 220 }}>
                      {tests[s.id] === 'running' ? (
                        t('connect.testing')
                      ) : tests[s.id] ? (
                        <Typography variant="body2" color={(tests[s.id] as ConnectionTest).ok ? 'success.main' : 'error'} data-testid={`store-test-${s.id}`}>
                          {connectionTestText(t, tests[s.id] as ConnectionTest, domainOf)}
                        </Typography>
                      ) : (
                        <Button size="small" onClick={() => void testStore(s.id)} data-testid={`store-test-button-${s.id}`}>
                          {t('settings.testConnection')}
                        </Button>
                      )}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </Paper>
        <ConnectAmazonForm marketplaces={[...marketplaces.values()]} domainOf={domainOf} />
      </Stack>
    </Box>
  );
}
