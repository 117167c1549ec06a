import { Alert, Button, Chip, FormControlLabel, Paper, Radio, RadioGroup, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import type { DeliveryWindowView, PlanDetail } from '../../../shared/domain/fba-inbound';
import { formatInZone } from '../../../shared/marketplace-time';
import { api } from '../../api/client';
import { useLocaleStore, useT } from '../../i18n';
import { formatMoney } from '../purchasing/format';
import { useFbaStore } from './fba.store';

type Shipment = PlanDetail['shipmentList'][number];

/** The cheapest quoted option first; unquoted (the seller's own carrier) after. */
const defaultOption = (s: Shipment) => [...s.transportOptions].sort((a, b) => (a.quote?.minor ?? Number.MAX_SAFE_INTEGER) - (b.quote?.minor ?? Number.MAX_SAFE_INTEGER))[0]?.id ?? '';

/** A delivery window as the FC reads it: "11/25 00:00 PST – 12/01 23:59 PST". */
export function windowText(w: Pick<DeliveryWindowView, 'start' | 'end'>, timeZone: string, locale: string): string {
  return `${formatInZone(w.start, timeZone, locale)} – ${formatInZone(w.end, timeZone, locale)}`;
}

/**
 * One transportation option per shipment (Amazon confirms them together). A shipment sent with the seller's own carrier
 * (货代) needs a delivery window first: once Amazon offered its windows the user picks one per such shipment, shown in
 * the destination FC's time zone; the app then confirms the windows and the transportation.
 */
export function TransportPanel({ plan }: { plan: PlanDetail }) {
  const t = useT();
  const locale = useLocaleStore((s) => s.locale);
  const { act, busy } = useFbaStore();
  const [chosen, setChosen] = useState<Record<string, string>>(() => Object.fromEntries(plan.shipmentList.map((s) => [s.amazonShipmentId, s.transportOptionId ?? defaultOption(s)])));
  const [windows, setWindows] = useState<Record<string, string>>(() =>
    Object.fromEntries(plan.shipmentList.map((s) => [s.amazonShipmentId, s.deliveryWindowChosenId ?? s.deliveryWindow?.id ?? ''])),
  );
  const picking = plan.step === 'confirm-transport';
  const windowed = plan.shipmentList.filter((s) => s.deliveryWindows.length > 0 && !s.deliveryWindow);
  const complete = plan.shipmentList.every((s) => chosen[s.amazonShipmentId]);
  const windowsComplete = windowed.length > 0 && windowed.every((s) => windows[s.amazonShipmentId]);
  const changed = plan.shipmentList.some((s) => chosen[s.amazonShipmentId] !== s.transportOptionId);
  const confirm = () =>
    void act(() => api.fbaChooseTransport({ planId: plan.id, selections: plan.shipmentList.map((s) => ({ shipmentId: s.amazonShipmentId, transportOptionId: chosen[s.amazonShipmentId]! })) }));
  const confirmWindows = () =>
    void act(() => api.fbaChooseWindows({ planId: plan.id, selections: windowed.map((s) => ({ shipmentId: s.amazonShipmentId, deliveryWindowOptionId: windows[s.amazonShipmentId]! })) }));

  return (
    <Stack spacing={1.5} data-testid="fba-transport">
      <Typography variant="subtitle1">{t(picking && windowed.length > 0 ? 'fba.transport.windowsTitle' : 'fba.transport.title')}</Typography>
      {picking && windowed.length > 0 ? (
        <Alert severity="info" data-testid="transport-windows-hint">
          {t('fba.transport.windowsHint')}
        </Alert>
      ) : null}
      <Stack direction="row" spacing={2} sx={{ flexWrap: 'wrap', rowGap: 2 }}>
        {plan.shipmentList.map((s) => {
          const option = s.transportOptions.find((o) => o.id === chosen[s.amazonShipmentId]);
          const own = option?.shippingSolution === 'USE_YOUR_OWN_CARRIER';
          return (
            <Paper key={s.id} variant="outlined" sx={{ p: 2, minWidth: 320, maxWidth: 560 }} data-testid="transport-shipment" data-shipment-id={s.amazonShipmentId}>
              <Typography variant="subtitle2">{t('fba.transport.shipment', { fc: s.destinationFc ?? '?', name: s.name ?? s.amazonShipmentId })}</Typography>
              <Typography variant="caption" color="text.secondary">
                {t('fba.transport.units', { units: s.items.reduce((n, i) => n + i.shipped, 0), skus: s.items.length })}
                {s.boxes.length > 0 ? ` · ${t('fba.transport.boxes', { boxes: s.boxes.length })}` : ''}
              </Typography>
              <RadioGroup value={chosen[s.amazonShipmentId] ?? ''} onChange={(e) => setChosen({ ...chosen, [s.amazonShipmentId]: e.target.value })}>
                {s.transportOptions.map((o) => (
                  <FormControlLabel
                    key={o.id}
                    value={o.id}
                    control={<Radio size="small" />}
                    data-testid="transport-option"
                    data-solution={o.shippingSolution}
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
              {own && !picking ? (
                <Typography variant="caption" color="text.secondary" component="p" data-testid="transport-needs-window">
                  {t('fba.transport.needsWindow')}
                </Typography>
              ) : null}
              {s.deliveryWindow ? (
                <Chip sx={{ mt: 1 }} color="success" variant="outlined" data-testid="transport-window-confirmed" label={t('fba.transport.windowConfirmed', { window: windowText(s.deliveryWindow, s.timeZone, locale) })} />
              ) : null}
              {picking && !s.deliveryWindow && s.deliveryWindows.length > 0 ? (
                <>
                  <Typography variant="body2" sx={{ mt: 1, fontWeight: 600 }}>
                    {t('fba.transport.windowFor', { fc: s.destinationFc ?? '?', zone: s.timeZone })}
                  </Typography>
                  <RadioGroup value={windows[s.amazonShipmentId] ?? ''} onChange={(e) => setWindows({ ...windows, [s.amazonShipmentId]: e.target.value })}>
                    {s.deliveryWindows.map((w) => (
                      <FormControlLabel
                        key={w.id}
                        value={w.id}
                        control={<Radio size="small" />}
                        data-testid="transport-window"
                        data-window-id={w.id}
                        label={
                          <span>
                            {windowText(w, s.timeZone, locale)}
                            {w.availabilityType !== 'AVAILABLE' ? ` · ${w.availabilityType}` : ''}
                            {w.validUntil ? (
                              <Typography component="span" variant="caption" color="text.secondary">
                                {' '}
                                · {t('fba.transport.validUntil', { at: formatInZone(w.validUntil, s.timeZone, locale) })}
                              </Typography>
                            ) : null}
                          </span>
                        }
                      />
                    ))}
                  </RadioGroup>
                </>
              ) : null}
            </Paper>
          );
        })}
      </Stack>
      <Stack direction="row" spacing={1}>
        {picking && windowed.length > 0 ? (
          <Button variant="contained" disabled={!windowsComplete || busy} onClick={confirmWindows} data-testid="transport-windows-confirm">
            {t('fba.transport.confirmWindows')}
          </Button>
        ) : null}
        <Button variant={picking && windowed.length > 0 ? 'outlined' : 'contained'} disabled={!complete || busy || (picking && windowed.length > 0 && !changed)} onClick={confirm} data-testid="transport-confirm">
          {t(picking ? 'fba.transport.rechoose' : 'fba.transport.confirm')}
        </Button>
      </Stack>
    </Stack>
  );
}
