import { Box, Chip, Typography } from '@mui/material';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Marketplace } from '../../../shared/domain/store';
import { api } from '../../api/client';
import { PrinterPicker, PrintStatus, usePrinterChoice, usePrinters, usePrintJob } from '../../components/PrinterPicker';
import { listenForScans } from '../../components/scanner';
import { useT, type MessageKey } from '../../i18n';
import { usePackingStore } from '../../stores/packing.store';
import { PackingLines } from './PackingLines';
import { ScanLog } from './ScanLog';
import { ShipByCountdown } from './ShipByCountdown';
import { ShipPanel } from './ShipPanel';
import { countsFor, isComplete, packageOf } from './station-rules';
import { VerdictPanel } from './VerdictPanel';

const isField = (el: EventTarget | null) => el instanceof HTMLElement && (el.isContentEditable || el.tagName === 'INPUT' || el.tagName === 'TEXTAREA');

/**
 * The packing station (扫描复核): everything by scanner and keyboard. A scan opens an order (order id, tote, wave
 * code) — of a split order, its next package — then checks every unit against it; when the box is complete the ship
 * form appears. Esc clears the order, F2 goes to the tracking number, Enter ships, F3 closes the box to ship later,
 * F4 prints the packing slip (to the station's document printer when one is chosen, else as a download), digits typed
 * anywhere are the weight.
 */
export function PackingScreen() {
  const t = useT();
  const s = usePackingStore();
  const { restore, scan, typed, backspace, clear, ship, pack, printSlip } = s;
  const trackingRef = useRef<HTMLInputElement>(null);
  const [marketplaces, setMarketplaces] = useState<Marketplace[]>([]);
  const printers = usePrinters();
  const { printer: slipPrinter, choose: chooseSlipPrinter } = usePrinterChoice('documents', printers);
  const slipJob = usePrintJob();
  const order = s.order;
  const { reset: resetSlipJob } = slipJob;
  // "Sent to the printer" speaks of the order on screen only.
  useEffect(() => resetSlipJob(), [order?.orderId, resetSlipJob]);
  const slip = async () => {
    if (slipPrinter === null || !order) return printSlip();
    await slipJob.run({ kind: 'packing-slip', orderId: order.orderId, ...(order.packageNo !== undefined ? { packageNo: order.packageNo } : {}) }, slipPrinter);
  };

  useEffect(() => void restore(), [restore]);
  useEffect(() => void api.listMarketplaces().then(setMarketplaces, () => undefined), []);
  useEffect(() => listenForScans({ onScan: (code) => void scan(code), onTyped: typed }), [scan, typed]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      if (e.key === 'Escape') {
        e.preventDefault();
        void clear();
      } else if (e.key === 'F2') {
        e.preventDefault();
        trackingRef.current?.focus();
      } else if (e.key === 'F3') {
        e.preventDefault();
        void pack();
      } else if (e.key === 'F4') {
        e.preventDefault();
        void slip();
      } else if (e.key === 'Enter' && !(e.target instanceof HTMLElement && e.target.closest('[role="listbox"],button'))) {
        e.preventDefault();
        void ship();
      } else if (e.key === 'Backspace' && !isField(e.target)) {
        e.preventDefault();
        backspace();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [clear, ship, backspace, pack, slip]);

  const counts = useMemo(() => (s.order ? countsFor(s.order, s.scans) : new Map<number, number>()), [s.order, s.scans]);
  const pkg = s.order ? packageOf(s.order) : null;
  const complete = s.order !== null && isComplete(s.order, counts);
  const market = marketplaces.find((m) => m.id === s.order?.marketplaceId);
  // The snapshot taken at opening says "allocated"; a refusal since then is the newer news.
  const cancelled = s.order !== null && s.last?.sessionId === s.sessionId && s.last?.reason === 'cancelled';
  const lastItem = s.last?.kind === 'item' && s.last.verdict === 'ok' ? (s.last.productId ?? null) : null;
  const units = s.order ? s.order.lines.reduce((n, l) => n + l.quantity, 0) : 0;
  const scanned = s.order ? [...counts.values()].reduce((n, c) => n + c, 0) : 0;

  if (!s.ready) return null;
  return (
    <Box sx={{ p: 2, height: '100%', boxSizing: 'border-box', display: 'flex', flexDirection: 'column', gap: 2 }} data-testid="packing-screen" data-order={s.order?.orderId ?? ''}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap' }}>
        <Typography variant="h5" component="h1" sx={{ fontWeight: 700 }}>
          {t('nav.packing')}
        </Typography>
        {s.order ? (
          <>
            <Typography data-testid="packing-order-id" sx={{ fontSize: 40, fontWeight: 800, fontFamily: 'ui-monospace, Consolas, monospace', letterSpacing: 1 }}>
              {s.order.orderId}
            </Typography>
            <Chip label={market?.domain ?? s.order.marketplaceId} sx={{ fontSize: 18, height: 36 }} />
            {cancelled ? (
              <Chip data-testid="packing-state" label={t('packing.state.cancelled')} color="error" sx={{ fontSize: 18, height: 36 }} />
            ) : (
              <Chip data-testid="packing-state" label={t(`packing.state.${s.order.state}` as MessageKey)} color="primary" variant="outlined" sx={{ fontSize: 18, height: 36 }} />
            )}
            {pkg && pkg.count > 1 ? <Chip data-testid="packing-package" label={t('packing.package.of', { n: pkg.no, count: pkg.count })} color="warning" sx={{ fontSize: 18, height: 36, fontWeight: 700 }} /> : null}
            {s.order.warehouseCode ? <Chip data-testid="packing-warehouse" label={s.order.warehouseCode} sx={{ fontSize: 18, height: 36 }} /> : null}
            <Box sx={{ flex: 1 }} />
            <ShipByCountdown shipBy={s.order.shipByLatest} timeZone={market?.timeZone ?? null} />
          </>
        ) : null}
      </Box>

      <Box sx={{ display: 'grid', gridTemplateColumns: 'minmax(0, 3fr) minmax(340px, 2fr)', gap: 2, flex: 1, minHeight: 0 }}>
        <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1.5, minHeight: 0 }}>
          {s.order ? (
            <>
              <Typography data-testid="packing-progress" sx={{ fontSize: 22, fontWeight: 700 }}>
                {t('packing.progress', { scanned, units })}
              </Typography>
              <PackingLines order={s.order} counts={counts} lastProductId={lastItem} />
            </>
          ) : (
            <Box data-testid="packing-idle" sx={{ flex: 1, display: 'flex', flexDirection: 'column', alignItems: 'center', justifyContent: 'center', gap: 2, border: 3, borderStyle: 'dashed', borderColor: 'divider', borderRadius: 2 }}>
              <Typography sx={{ fontSize: 40, fontWeight: 800 }}>{t('packing.idle.title')}</Typography>
              <Typography sx={{ fontSize: 22, color: 'text.secondary' }}>{t('packing.idle.body')}</Typography>
            </Box>
          )}
        </Box>
        <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2, minHeight: 0 }}>
          <VerdictPanel entry={s.last} startedAt={s.lastStartedAt} />
          {s.order ? <ScanLog scans={s.scans} /> : null}
        </Box>
      </Box>

      {s.order && complete ? (
        <ShipPanel
          order={s.order}
          form={s.form}
          shipping={s.shipping}
          printing={s.printing || slipJob.busy}
          trackingRef={trackingRef}
          onChange={s.setForm}
          onShip={() => void ship()}
          onPack={() => void pack()}
          onSlip={() => void slip()}
        />
      ) : null}
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2 }}>
        <Typography data-testid="packing-keys" sx={{ fontSize: 16, color: 'text.secondary', flex: 1 }}>
          {s.order ? (s.order.state === 'packed' ? t('packing.keys.packed') : complete ? t('packing.keys.complete') : t('packing.keys.packing')) : t('packing.keys.idle')}
        </Typography>
        <PrintStatus job={slipJob} testId="packing-slip" />
        {Array.isArray(printers) ? <PrinterPicker role="documents" printers={printers} value={slipPrinter} onChange={chooseSlipPrinter} testId="packing-slip" releaseFocus /> : null}
      </Box>
    </Box>
  );
}
