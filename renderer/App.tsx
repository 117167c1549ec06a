import {
  AppBar,
  Box,
  CssBaseline,
  Drawer,
  List,
  ListItemButton,
  ListItemText,
  ThemeProvider,
  Toolbar,
  Typography,
  createTheme,
} from '@mui/material';
import { enUS, zhCN } from '@mui/material/locale';
import { useEffect, useMemo, useState } from 'react';
import { api } from './api/client';
import { DemoBanner } from './components/DemoBanner';
import { LanguageSwitch } from './components/LanguageSwitch';
import { StatusBar } from './components/StatusBar';
import { useLocaleStore, useT } from './i18n';
import { screens } from './routes';
import { SettingsScreen } from './screens/settings/SettingsScreen';
import { SyncScreen } from './screens/sync/SyncScreen';
import { CatalogScreen } from './screens/catalog/CatalogScreen';
import { InventoryScreen } from './screens/inventory/InventoryScreen';
import { PurchasingScreen } from './screens/purchasing/PurchasingScreen';
import { OrdersScreen } from './screens/orders/OrdersScreen';
import { PackingScreen } from './screens/packing/PackingScreen';
import { ExceptionsScreen } from './screens/exceptions/ExceptionsScreen';
import { PickingScreen } from './screens/picking/PickingScreen';
import { ReturnsScreen } from './screens/returns/ReturnsScreen';
import { FbaScreen } from './screens/fba/FbaScreen';
import { ReconciliationScreen } from './screens/reconciliation/ReconciliationScreen';
import { useNavStore } from './stores/nav.store';
import { useStatusStore } from './stores/status.store';

const DRAWER_WIDTH = 200;

function CurrentScreen() {
  const screen = useNavStore((s) => s.screen);
  const entry = screens.find((s) => s.id === screen);
  if (!entry || entry.id === 'settings') return <SettingsScreen />;
  if (entry.id === 'sync') return <SyncScreen />;
  if (entry.id === 'catalog') return <CatalogScreen />;
  if (entry.id === 'inventory') return <InventoryScreen />;
  if (entry.id === 'purchasing') return <PurchasingScreen />;
  if (entry.id === 'orders') return <OrdersScreen />;
  if (entry.id === 'packing') return <PackingScreen />;
  if (entry.id === 'exceptions') return <ExceptionsScreen />;
  if (entry.id === 'picking') return <PickingScreen />;
  if (entry.id === 'returns') return <ReturnsScreen />;
  if (entry.id === 'fba') return <FbaScreen />;
  if (entry.id === 'reconciliation') return <ReconciliationScreen />;
  return null;
}

export function App() {
  const t = useT();
  const locale = useLocaleStore((s) => s.locale);
  const setPreference = useLocaleStore((s) => s.setPreference);
  const { screen, go, restore } = useNavStore();
  const follow = useStatusStore((s) => s.follow);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    // The language choice lives in main (shared by every window and the CLI); the last screen is per station (Dexie).
    void Promise.allSettled([api.getPreferences().then((p) => setPreference(p.locale)), restore()]).then(() => setReady(true));
    return follow();
  }, [follow, restore, setPreference]);

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = t('app.title');
  }, [locale, t]);

  const theme = useMemo(
    () =>
      createTheme(
        {
          palette: { background: { default: '#f5f6f8' } },
          typography: {
            fontFamily: '"PingFang SC","Microsoft YaHei","Noto Sans CJK SC","Segoe UI",Roboto,Arial,sans-serif',
          },
        },
        locale === 'zh-CN' ? zhCN : enUS,
      ),
    [locale],
  );

  return (
    <ThemeProvider theme={theme}>
      <CssBaseline />
      <Box sx={{ display: 'flex', flexDirection: 'column', height: '100vh' }}>
        <AppBar position="static" color="default" elevation={0} sx={{ borderBottom: 1, borderColor: 'divider' }}>
          <Toolbar sx={{ gap: 2, py: 1 }}>
            <Typography variant="h6" component="div" sx={{ flex: 1 }} data-testid="app-title">
              {t('app.title')}
            </Typography>
            <LanguageSwitch />
          </Toolbar>
        </AppBar>
        <DemoBanner />
        <Box sx={{ display: 'flex', flex: 1, minHeight: 0 }}>
          <Drawer
            variant="permanent"
            sx={{ width: DRAWER_WIDTH, flexShrink: 0, '& .MuiDrawer-paper': { width: DRAWER_WIDTH, position: 'relative' } }}
          >
            <List component="nav" aria-label={t('app.title')} data-testid="nav">
              {screens.map((s) => (
                <ListItemButton key={s.id} selected={screen === s.id} onClick={() => go(s.id)} data-testid={`nav-${s.id}`}>
                  <ListItemText primary={t(s.label)} />
                </ListItemButton>
              ))}
            </List>
          </Drawer>
          <Box component="main" sx={{ flex: 1, overflow: 'auto' }} data-testid="screen" data-screen={screen}>
            {ready ? <CurrentScreen /> : null}
          </Box>
        </Box>
        <StatusBar />
      </Box>
    </ThemeProvider>
  );
}
