import { Box, Chip, LinearProgress, Paper, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useEffect, useRef, useState } from 'react';
import type { PlanDetail } from '../../../shared/domain/fba-inbound';
import { api } from '../../api/client';
import { listenForScans } from '../../components/scanner';
import { useLocaleStore, useT } from '../../i18n';
import { useFbaStore } from './fba.store';
import { draftOf, ShipmentTracking, type TrackingDraft } from './ShipmentTracking';
import { windowText } from './TransportPanel';

type Shipment = PlanDetail['shipmentList'][number];

/** Small-parcel shipments whose tracking can be entered, in list order: where a scan goes. */
const scanTargets = (plan: PlanDetail) => plan.shipmentList.filter((s) => s.trackingEditable && s.trackingMode !== 'ltl' && s.boxes.length > 0);

/**
 * Shipments with their confirmation ids, destination, carrier and delivery window, tracking and status, and receiving
 * per SKU. Own-carrier shipments take their tracking here; with no field focused, a scanner burst (the forwarder's label
 * on the carton) fills the next empty box row of the shipment last worked on.
 */
export function ShipmentsPanel({ plan }: { plan: PlanDetail }) {
  const t = useT();
  const locale = useLocaleStore((st) => st.locale);
  const { act, busy } = useFbaStore();
  const [drafts, setDrafts] = useState<Record<number, TrackingDraft>>(() => Object.fromEntries(plan.shipmentList.map((s) => [s.id, draftOf(s)])));
  const [active, setActive] = useState<number | null>(() => scanTargets(plan)[0]?.id ?? null);
  const draftFor = (s: Shipment) => drafts[s.id] ?? draftOf(s);

  // A scan fills the active shipment's first empty row, then the next shipment's once that one is full.
  const onScan = useRef<(code: string) => void>(() => undefined);
  onScan.current = (code: string) => {
    const targets = scanTargets(plan);
    const ordered = [...targets.filter((s) => s.id === active), ...targets.filter((s) => s.id !== active)];
    for (const s of ordered) {
      const d = draftFor(s);
      const empty = s.boxes.find((b) => (d.numbers[b.boxId] ?? '').trim() === '');
      if (!empty) continue;
      setDrafts((all) => ({ ...all, [s.id]: { ...d, numbers: { ...d.numbers, [empty.boxId]: code } } }));
      setActive(s.id);
      return;
    }
  };
  useEffect(() => listenForScans({ onScan: (code) => onScan.current(code) }), []);

  const upload = (s: Shipment) => {
    const d = draftFor(s);
    void act(() =>
      api.fbaUploadTracking({
        planId: plan.id,
        shipmentId: s.id,
        ...(d.carrier ? { carrier: d.carrier } : {}),
        ...(s.trackingMode === 'ltl'
          ? { freightBillNumber: d.freightBill, ...(d.billOfLading.trim() ? { billOfLadingNumber: d.billOfLading } : {}) }
          : { boxes: s.boxes.map((b) => ({ boxId: b.boxId, trackingId: d.numbers[b.boxId] ?? '' })) }),
      }),
    );
  };

  return (
    <Stack spacing={1.5} data-testid="fba-shipments">
      <Typography variant="subtitle1">{t('fba.shipments.title')}</Typography>
      {plan.shipmentList.map((s) => {
        const shipped = s.items.reduce((n, i) => n + i.shipped, 0);
        const received = s.items.reduce((n, i) => n + i.received, 0);
        const option = s.transportOptions.find((o) => o.id === s.transportOptionId);
        return (
          <Paper key={s.id} variant="outlined" sx={{ p: 2 }} data-testid="fba-shipment" data-confirmation-id={s.confirmationId ?? ''} onFocusCapture={() => setActive(s.id)}>
            <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
              <Typography variant="h6" sx={{ fontFamily: 'monospace' }} data-testid="shipment-confirmation-id">
                {s.confirmationId ?? s.amazonShipmentId}
              </Typography>
              <Chip label={t('fba.shipments.to', { fc: s.destinationFc ?? '?' })} data-testid="shipment-fc" />
              {s.status ? <Chip variant="outlined" label={s.status} data-testid="shipment-status" /> : null}
              <Typography variant="body2" color="text.secondary" sx={{ flex: 1 }}>
                {s.name}
              </Typography>
            </Stack>
            {option ? (
              <Typography variant="body2" sx={{ mt: 0.5 }} data-testid="shipment-carrier">
                {s.ownCarrier ? t('fba.transport.own') : `${t('fba.transport.partnered')} · ${option.carrier ?? '—'}`} · {option.shippingMode}
                {s.deliveryWindow ? ` · ${t('fba.transport.window', { window: windowText(s.deliveryWindow, s.timeZone, locale) })}` : ''}
              </Typography>
            ) : null}
            {!s.ownCarrier ? (
              <Typography variant="body2" sx={{ mt: 0.5 }} data-testid="shipment-tracking">
                {t('fba.shipments.tracking')}: {s.tracking.length > 0 ? s.tracking.join(', ') : '—'}
              </Typography>
            ) : null}
            {s.destinationAddress.length > 0 ? (
              <Typography variant="caption" color="text.secondary">
                {s.destinationAddress.join(', ')}
              </Typography>
            ) : null}
            {s.ownCarrier && s.confirmationId ? (
              <ShipmentTracking
                shipment={s}
                draft={draftFor(s)}
                onChange={(d) => {
                  setDrafts((all) => ({ ...all, [s.id]: d }));
                  setActive(s.id);
                }}
                onUpload={() => upload(s)}
                busy={busy}
                active={active === s.id && s.trackingEditable}
              />
            ) : null}
            <Box sx={{ mt: 1 }}>
              <LinearProgress variant="determinate" color="success" value={shipped > 0 ? Math.min(100, (100 * received) / shipped) : 0} sx={{ height: 8, borderRadius: 4 }} />
              <Typography variant="caption" data-testid="shipment-received">
                {t('fba.list.received', { received, shipped })}
              </Typography>
            </Box>
            <Table size="small" sx={{ mt: 1 }}>
              <TableHead>
                <TableRow>
                  <TableCell>MSKU</TableCell>
                  <TableCell>FNSKU</TableCell>
                  <TableCell align="right">{t('fba.shipments.shipped')}</TableCell>
                  <TableCell align="right">{t('fba.shipments.received')}</TableCell>
                  <TableCell align="right">{t('fba.shipments.discrepancy')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {s.items.map((i) => (
                  <TableRow key={i.msku} data-testid={`shipment-item-${i.msku}`}>
                    <TableCell>{i.msku}</TableCell>
                    <TableCell sx={{ fontFamily: 'monospace' }}>{i.fnsku ?? '—'}</TableCell>
                    <TableCell align="right">{i.shipped}</TableCell>
                    <TableCell align="right" data-testid="item-received">
                      {i.received}
                    </TableCell>
                    <TableCell align="right" data-testid="item-discrepancy" sx={{ color: i.discrepancy ? (i.discrepancy < 0 ? 'error.main' : 'warning.main') : undefined, fontWeight: i.discrepancy ? 600 : undefined }}>
                      {i.discrepancy === null ? t('fba.shipments.receiving') : i.discrepancy === 0 ? '0' : i.discrepancy > 0 ? `+${i.discrepancy}` : String(i.discrepancy)}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Paper>
        );
      })}
    </Stack>
  );
}
