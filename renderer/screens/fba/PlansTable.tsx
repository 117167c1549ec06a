import { Box, Chip, LinearProgress, Stack, Typography } from '@mui/material';
import type { PlanSummary } from '../../../shared/domain/fba-inbound';
import { VirtualTable, type Column } from '../../components/VirtualTable';
import { formatDateTime, useLocaleStore, useT } from '../../i18n';
import { actorColor, marketplaceText, stepText } from './fba-text';
import { nextActor } from './plan-steps';

interface Props {
  plans: readonly PlanSummary[];
  countries: ReadonlyMap<string, string>;
  onOpen(planId: number): void;
}

/** Shipped units against received ones; before anything ships, packed against planned. */
function Progress({ plan }: { plan: PlanSummary }) {
  const t = useT();
  const shipping = plan.shippedUnits > 0;
  const [done, of] = shipping ? [plan.receivedUnits, plan.shippedUnits] : [plan.packedUnits, plan.units];
  const label = shipping ? t('fba.list.received', { received: done, shipped: of }) : t('fba.list.packed', { packed: done, units: of });
  return (
    <Stack spacing={0.25} sx={{ width: '100%' }} title={label}>
      <LinearProgress variant="determinate" value={of > 0 ? Math.min(100, (100 * done) / of) : 0} color={shipping ? 'success' : 'primary'} sx={{ height: 6, borderRadius: 3 }} />
      <Typography variant="caption" color="text.secondary" data-testid="plan-progress">
        {label}
      </Typography>
    </Stack>
  );
}

export function PlansTable({ plans, countries, onOpen }: Props) {
  const t = useT();
  const locale = useLocaleStore((s) => s.locale);
  const columns: Column<PlanSummary>[] = [
    { key: 'name', header: t('fba.list.name'), width: 190, grow: true, testId: 'plan-name', render: (p) => p.name, title: (p) => p.name },
    { key: 'store', header: t('fba.list.store'), width: 150, render: (p) => `${p.storeName} · ${marketplaceText(countries, p.marketplaceId)}`, title: (p) => `${p.storeName} · ${marketplaceText(countries, p.marketplaceId)}` },
    { key: 'source', header: t('fba.list.source'), width: 80, render: (p) => p.sourceWarehouseCode },
    {
      key: 'step',
      header: t('fba.list.step'),
      width: 180,
      testId: 'plan-step',
      render: (p) => {
        const actor = nextActor(p.step, p.status);
        return (
          <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center' }}>
            <Box component="span" sx={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>
              {stepText(t, p.step)}
            </Box>
            <Chip size="small" color={actorColor[actor]} variant={actor === 'amazon' ? 'outlined' : 'filled'} label={t(`fba.actor.${actor}`)} data-testid="plan-actor" data-actor={actor} />
          </Stack>
        );
      },
    },
    { key: 'units', header: t('fba.list.skusUnits'), width: 80, numeric: true, render: (p) => `${p.skus} / ${p.units}` },
    { key: 'boxes', header: t('fba.list.boxes'), width: 56, numeric: true, render: (p) => p.boxes },
    { key: 'shipments', header: t('fba.list.shipments'), width: 76, numeric: true, render: (p) => p.shipments },
    { key: 'progress', header: t('fba.list.progress'), width: 160, render: (p) => <Progress plan={p} /> },
    { key: 'updated', header: t('fba.list.updated'), width: 130, render: (p) => formatDateTime(locale, p.updatedAt) },
  ];
  return (
    <VirtualTable
      testId="fba-plans"
      rows={plans}
      columns={columns}
      rowKey={(p) => p.id}
      rowTestId={(p) => `plan-row-${p.id}`}
      onRowClick={(p) => onOpen(p.id)}
      empty={
        <Typography color="text.secondary" data-testid="fba-no-plans">
          {t('fba.list.empty')}
        </Typography>
      }
    />
  );
}
