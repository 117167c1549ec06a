import { Alert, Box, Button, Chip, Paper, Stack, Step, StepLabel, Stepper, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import type { PlanDetail } from '../../../shared/domain/fba-inbound';
import { api } from '../../api/client';
import { useT } from '../../i18n';
import { describeError } from '../../i18n/describe-error';
import { BoxPackingPanel } from './BoxPackingPanel';
import { useFbaStore } from './fba.store';
import { actorColor, marketplaceText, stepText } from './fba-text';
import { LabelsDialog } from './LabelsDialog';
import { OperationWait } from './OperationWait';
import { PackingOptionsPanel } from './PackingOptionsPanel';
import { PlacementPanel } from './PlacementPanel';
import { amazonWorking, nextActor, stages, stageState } from './plan-steps';
import { ProblemsPanel } from './ProblemsPanel';
import { ShipmentsPanel } from './ShipmentsPanel';
import { TransportPanel } from './TransportPanel';

const CANCELLABLE = new Set(['create', 'generate-packing', 'choose-packing', 'confirm-packing', 'pack-boxes', 'send-packing', 'generate-placement', 'choose-placement', 'confirm-placement', 'generate-transport', 'choose-transport']);

/** The panel for where the plan stands; a failed step shows the panel the user fixes it in (boxes, a choice). */
function StepPanel({ plan }: { plan: PlanDetail }) {
  const { step, status } = plan;
  const mine = status === 'waiting' || status === 'failed';
  if (mine && (step === 'choose-packing' || (step === 'confirm-packing' && status === 'failed'))) return <PackingOptionsPanel plan={plan} />;
  if (step === 'pack-boxes' || (step === 'send-packing' && status === 'failed')) return <BoxPackingPanel plan={plan} />;
  if (mine && (step === 'choose-placement' || (step === 'confirm-placement' && status === 'failed'))) return <PlacementPanel plan={plan} />;
  // confirm-transport waits for the user while own-carrier shipments need their delivery windows picked.
  if (mine && (step === 'choose-transport' || step === 'confirm-transport')) return <TransportPanel plan={plan} />;
  if (plan.shipmentList.length > 0 && (step === 'confirm-transport' || step === 'receiving' || step === 'closed')) return <ShipmentsPanel plan={plan} />;
  return <PlanLines plan={plan} />;
}

function PlanLines({ plan }: { plan: PlanDetail }) {
  const t = useT();
  return (
    <Paper variant="outlined">
      <Table size="small" data-testid="plan-lines">
        <TableHead>
          <TableRow>
            <TableCell>MSKU</TableCell>
            <TableCell>FNSKU</TableCell>
            <TableCell>{t('fba.col.name')}</TableCell>
            <TableCell align="right">{t('fba.col.quantity')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {plan.items.map((i) => (
            <TableRow key={i.id}>
              <TableCell>{i.msku}</TableCell>
              <TableCell sx={{ fontFamily: 'monospace' }}>{i.fnsku}</TableCell>
              <TableCell>{i.name}</TableCell>
              <TableCell align="right">{i.quantity}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Paper>
  );
}

/** One plan, step by step: where it stands, whose turn it is, and the panel for the current step. */
export function PlanView({ countries }: { countries: ReadonlyMap<string, string> }) {
  const t = useT();
  const { plan, busy, error, act, reload, backToList } = useFbaStore();
  const [labelsOpen, setLabelsOpen] = useState(false);
  const working = plan ? amazonWorking(plan.step, plan.status) : false;
  const receiving = plan?.step === 'receiving';
  // A tracking upload is Amazon's operation too: its answer is looked for as often as a step's.
  const uploading = !!plan?.shipmentList.some((s) => s.trackingUpload?.state === 'pending' || s.trackingUpload?.state === 'in-flight');

  // While Amazon works, look every two seconds; during receiving (days), every half minute.
  useEffect(() => {
    if (!working && !receiving) return;
    const timer = setInterval(() => void reload(), working || uploading ? 2000 : 30_000);
    return () => clearInterval(timer);
  }, [working, receiving, uploading, reload]);

  if (!plan) return null;
  const actor = nextActor(plan.step, plan.status);
  const cancelled = plan.step === 'cancelled' || plan.step === 'cancelling';

  return (
    <Box sx={{ p: 3, display: 'flex', flexDirection: 'column', gap: 2 }} data-testid="fba-plan" data-step={plan.step} data-status={plan.status}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}>
        <Button onClick={() => void backToList()} data-testid="fba-back">
          {t('fba.back')}
        </Button>
        <Typography variant="h5" component="h1" sx={{ flex: 1 }} data-testid="fba-plan-name">
          {plan.name}
        </Typography>
        <Chip color={actorColor[actor]} label={`${stepText(t, plan.step)} · ${t(`fba.actor.${actor}`)}`} data-testid="fba-plan-actor" data-actor={actor} />
        <Button variant="outlined" onClick={() => setLabelsOpen(true)} data-testid="fba-labels">
          {t('fba.labels')}
        </Button>
        {CANCELLABLE.has(plan.step) && plan.status !== 'done' ? (
          <Button color="error" onClick={() => window.confirm(t('fba.cancelConfirm')) && void act(() => api.fbaCancelPlan(plan.id))} disabled={busy} data-testid="fba-cancel">
            {t('fba.cancel')}
          </Button>
        ) : null}
      </Stack>
      <Typography variant="body2" color="text.secondary" data-testid="fba-plan-facts">
        {t('fba.plan.facts', { store: plan.storeName, country: marketplaceText(countries, plan.marketplaceId), source: plan.sourceWarehouseCode, skus: plan.skus, units: plan.units, amazonId: plan.amazonPlanId ?? '—' })}
      </Typography>

      {!cancelled ? (
        <Stepper activeStep={stages.findIndex((s) => stageState(s, plan.step, plan.status) === 'active' || stageState(s, plan.step, plan.status) === 'failed')} alternativeLabel data-testid="fba-stepper">
          {stages.map((s) => {
            const state = stageState(s, plan.step, plan.status);
            return (
              <Step key={s} completed={state === 'done'}>
                <StepLabel error={state === 'failed'} data-testid={`stage-${s}`} data-state={state}>
                  {t(`fba.stage.${s}`)}
                </StepLabel>
              </Step>
            );
          })}
        </Stepper>
      ) : (
        <Alert severity="warning" data-testid="fba-cancelled">
          {t(plan.step === 'cancelling' ? 'fba.plan.cancelling' : 'fba.plan.cancelled')}
        </Alert>
      )}

      {error ? (
        <Alert severity="error" data-testid="fba-error">
          {describeError(t, error)}
        </Alert>
      ) : null}
      {plan.status === 'failed' ? <ProblemsPanel plan={plan} busy={busy} onRetry={() => void act(() => api.fbaRetryStep(plan.id))} /> : null}
      {working ? <OperationWait plan={plan} busy={busy} onCheckNow={() => void act(() => api.fbaRefresh(plan.id))} /> : null}
      {receiving ? (
        <Box>
          <Button size="small" onClick={() => void act(() => api.fbaRefresh(plan.id))} disabled={busy} data-testid="fba-check-receiving">
            {t('fba.op.checkReceiving')}
          </Button>
        </Box>
      ) : null}
      {!cancelled ? <StepPanel plan={plan} /> : null}
      <LabelsDialog plan={plan} open={labelsOpen} onClose={() => setLabelsOpen(false)} />
    </Box>
  );
}
