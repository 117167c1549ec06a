import { Box, Tab, Tabs, Typography } from '@mui/material';
import { useState, type ReactNode } from 'react';
import { useT, type MessageKey } from '../../i18n';
import { StockReconTab } from './StockReconTab';
import { OrdersReconTab } from './OrdersReconTab';

interface ReconTab {
  id: string;
  label: MessageKey;
  render: () => ReactNode;
}

/** The tabs of 对账, in order. Only what works is listed: a tab joins when its reconciliation does. */
const tabs: ReconTab[] = [
  { id: 'stock', label: 'recon.tab.stock', render: () => <StockReconTab /> },
  { id: 'orders', label: 'recon.orders.tab', render: () => <OrdersReconTab /> },
];

/** Reconciliation (对账): ERP and Amazon side by side, one tab per kind of figure. */
export function ReconciliationScreen() {
  const t = useT();
  const [current, setCurrent] = useState(tabs[0]?.id ?? 'stock');
  const tab = tabs.find((x) => x.id === current) ?? tabs[0];
  return (
    <Box sx={{ p: 3, display: 'flex', flexDirection: 'column', gap: 2, boxSizing: 'border-box' }} data-testid="reconciliation-screen">
      <Typography variant="h5" component="h1">
        {t('nav.reconciliation')}
      </Typography>
      <Tabs value={tab?.id ?? false} onChange={(_, v: string) => setCurrent(v)} sx={{ borderBottom: 1, borderColor: 'divider' }}>
        {tabs.map((x) => (
          <Tab key={x.id} value={x.id} label={t(x.label)} data-testid={`recon-tab-${x.id}`} />
        ))}
      </Tabs>
      {tab?.render()}
    </Box>
  );
}
