import { Alert, Box, Button, FormControlLabel, Stack, Switch, Typography } from '@mui/material';
import { useEffect, useMemo, useState } from 'react';
import type { Marketplace } from '../../../shared/domain/store';
import { api } from '../../api/client';
import { useT } from '../../i18n';
import { describeError } from '../../i18n/describe-error';
import { useFbaStore } from './fba.store';
import { NewPlanPanel } from './NewPlanPanel';
import { PlansTable } from './PlansTable';
import { PlanView } from './PlanView';

/**
 * FBA 货件: inbound plans to Amazon's warehouses (Fulfillment Inbound 2024-03-20). The list says whose turn each plan
 * is; a plan opens as a step-by-step builder with box packing by scan and label printing.
 */
export function FbaScreen() {
  const t = useT();
  const s = useFbaStore();
  const { load } = s;
  const [marketplaces, setMarketplaces] = useState<Marketplace[]>([]);
  const countries = useMemo(() => new Map(marketplaces.map((m) => [m.id, m.countryCode])), [marketplaces]);

  useEffect(() => void load(), [load]);
  useEffect(() => void api.listMarketplaces().then(setMarketplaces, () => undefined), []);
  // The list follows Amazon's progress (the inbound job runs in the background) while it is on screen.
  useEffect(() => {
    if (s.view.kind !== 'list') return;
    const timer = setInterval(() => void load(), 10_000);
    return () => clearInterval(timer);
  }, [s.view.kind, load]);

  if (s.view.kind === 'new') return <NewPlanPanel marketplaces={marketplaces} onCancel={() => void s.backToList()} />;
  if (s.view.kind === 'plan') return <PlanView countries={countries} />;

  return (
    <Box sx={{ p: 3, display: 'flex', flexDirection: 'column', height: '100%', boxSizing: 'border-box', gap: 2 }} data-testid="fba-screen">
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Typography variant="h5" component="h1" sx={{ flex: 1 }}>
          {t('nav.fba')}
        </Typography>
        <FormControlLabel control={<Switch checked={s.includeDone} onChange={(e) => void s.setIncludeDone(e.target.checked)} data-testid="fba-include-done" />} label={t('fba.list.includeDone')} />
        <Button variant="contained" onClick={s.newPlan} data-testid="fba-new-plan">
          {t('fba.list.new')}
        </Button>
      </Stack>
      <Typography variant="body2" color="text.secondary">
        {t('fba.list.help')}
      </Typography>
      {s.listError ? <Alert severity="error">{describeError(t, s.listError)}</Alert> : null}
      <PlansTable plans={s.plans} countries={countries} onOpen={(id) => void s.openPlan(id)} />
    </Box>
  );
}
