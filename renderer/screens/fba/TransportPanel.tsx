import { Button, FormControlLabel, Paper, Radio, RadioGroup, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import type { PlanDetail } from '../../../shared/domain/fba-inbound';
import { api } from '../../api/client';
import { useLocaleStore, useT } from '../../i18n';
import { formatMoney } from '../purchasing/format';
import { useFbaStore } from './fba.store';

type Shipment = PlanDetail['shipmentList'][number];

/** The cheapest quoted option first; unquoted (the seller's own carrier) after. */
const defaultOption = (s: Shipment) => [...s.transportOptions].sort((a, b) => (a.quote?.minor ?? Number.MAX_SAFE_INTEGER) - (b.quote?.minor ?? Number.MAX_SAFE_INTEGER))[0]?.id ?? '';

/** One transportation option per shipment; Amazon confirms them together. */
export function TransportPanel({ plan }: { plan: PlanDetail }) {
  const t = useT();
  const locale = useLocaleStore((s) => s.locale);
  const { act, busy } = useFbaStore();
  const [chosen, setChosen] = useState<Record<string, string>>(() => Object.fromEntries(plan.shipmentList.map((s) => [s.amazonShipmentId, s.transportOptionId ?? defaultOption(s)])));
  const complete = plan.shipmentList.every((s) => chosen[s.amazonShipmentId]);
  const confirm = () =>
    void act(() => api.fbaChooseTransport({ planId: plan.id, selections: plan.shipmentList.map((s) => ({ shipmentId: s.amazonShipmentId, transportOptionId: chosen[s.amazonShipmentId]! })) }));

  return (
    <Stack spacing={1.5} data-testid="fba-transport">
      <Typography variant="subtitle1">{t('fba.transport.title')}</Typography>
      <Stack direction="row" spacing={2} sx={{ flexWrap: 'wrap', rowGap: 2 }}>
        {plan.shipmentList.map((s) => (
          <Paper key={s.id} variant="outlined" sx={{ p: 2, minWidth: 300 }} data-testid="transport-shipment">
            <Typography variant="subtitle2">{t('fba.transport.shipment', { fc: s.destinationFc ?? '?', name: s.name ?? s.amazonShipmentId })}</Typography>
            <Typography variant="caption" color="text.secondary">
              {t('fba.transport.units', { units: s.items.reduce((n, i) => n + i.shipped, 0), skus: s.items.length })}
            </Typography>
            <RadioGroup value={chosen[s.amazonShipmentId] ?? ''} onChange={(e) => setChosen({ ...chosen, [s.amazonShipmentId]: e.target.value })}>
              {s.transportOptions.map((o) => (
                <FormControlLabel
                  key={o.id}
                  value={o.id}
                  control={<Radio size="small" />}
                  data-testid="transport-option"
                  label={
                    <span>
                      {t(o.shippingSolution === 'AMAZON_PARTNERED_CARRIER' ? 'fba.transport.partnered' : 'fba.transport.own')} · {o.carrier ?? '—'} · {o.shippingMode}
                      {' · '}
                      <b>{o.quote ? formatMoney(locale, o.quote.minor, o.quote.currency) : t('fba.transport.noQuote')}</b>
                    </span>
                  }
                />
              ))}
            </RadioGroup>
          </Paper>
        ))}
      </Stack>
      <div>
        <Button variant="contained" disabled={!complete || busy} onClick={confirm} data-testid="transport-confirm">
          {t('fba.transport.confirm')}
        </Button>
      </div>
    </Stack>
  );
}
