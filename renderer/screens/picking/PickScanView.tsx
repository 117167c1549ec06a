import { Box, Button, Chip, Dialog, DialogActions, DialogContent, DialogTitle, Paper, Typography } from '@mui/material';
import { useEffect } from 'react';
import { listenForScans } from '../../components/scanner';
import { useT } from '../../i18n';
import { usePickScanStore } from './pick-scan.store';
import { currentIndex, toteSlots, totals, unitsLeft, type Walk } from './pick-walk';
import { PickVerdict } from './PickVerdict';
import { RouteList } from './RouteList';
import { StopCard } from './StopCard';

/**
 * Scan-picking (扫描拣货): the wave's stops one at a time, by scanner and keys alone. Scan the bin, then the units;
 * F8 reports the rest of a stop short (Enter confirms, Esc keeps picking); Esc goes back to the waves. When the last
 * stop is done the wave is marked picked.
 */
export function PickScanView({ onLeave }: { onLeave(): void }) {
  const t = useT();
  const s = usePickScanStore();
  const { scan } = s;

  useEffect(
    () =>
      listenForScans({
        onScan: (code) => {
          // A unit found after all: the scan answers the short question.
          if (usePickScanStore.getState().confirmingShort) usePickScanStore.getState().cancelShort();
          void scan(code);
        },
      }),
    [scan],
  );
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      const st = usePickScanStore.getState();
      const failed = st.entries.at(-1)?.kind === 'complete' && st.entries.at(-1)?.verdict === 'error';
      if (e.key === 'F8') {
        e.preventDefault();
        if (!st.confirmingShort) void st.askShort();
      } else if (e.key === 'Escape') {
        e.preventDefault();
        if (st.confirmingShort) st.cancelShort();
        else void st.leave().then(onLeave);
      } else if (e.key === 'Enter' && st.confirmingShort) {
        e.preventDefault();
        void st.confirmShort();
      } else if (e.key === 'Enter' && failed && !st.completing) {
        e.preventDefault();
        void st.retryComplete();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onLeave]);

  if (!s.list || !s.walk) return null;
  const walk = s.walk;
  const index = currentIndex(walk);
  const stop = walk.stops[index] ?? null;
  const progress = walk.progress[index] ?? null;
  const sum = totals(walk);
  const last = s.entries.at(-1) ?? null;
  const failed = last?.kind === 'complete' && last.verdict === 'error';

  return (
    <Box sx={{ p: 2, height: '100%', boxSizing: 'border-box', display: 'flex', flexDirection: 'column', gap: 2 }} data-testid="pick-scan" data-stop={index} data-wave={s.list.wave.number}>
      <Box sx={{ display: 'flex', alignItems: 'baseline', gap: 3, flexWrap: 'wrap' }}>
        <Typography variant="h5" component="h1" sx={{ fontWeight: 700 }}>
          {t('picking.scan.heading', { number: s.list.wave.number })}
        </Typography>
        <Typography data-testid="pick-scan-progress" sx={{ fontSize: 22, fontWeight: 700 }}>
          {stop
            ? t('picking.scan.progress', { stop: index + 1, stops: walk.stops.length, picked: sum.picked, units: sum.units })
            : t('picking.scan.progressDone', { stops: walk.stops.length, picked: sum.picked, units: sum.units })}
        </Typography>
        {sum.short > 0 ? <Chip color="warning" label={t('picking.shortUnits', { n: sum.short })} data-testid="pick-scan-short" sx={{ fontSize: 18 }} /> : null}
        {s.completing ? <Typography sx={{ fontSize: 18, color: 'text.secondary' }}>{t('picking.scan.completing')}</Typography> : null}
      </Box>
      <Box sx={{ display: 'grid', gridTemplateColumns: 'minmax(0, 3fr) minmax(320px, 2fr)', gap: 2, flex: 1, minHeight: 0 }}>
        <Box sx={{ display: 'flex', flexDirection: 'column', minHeight: 0, overflowY: 'auto' }}>
          {stop && progress ? <StopCard stop={stop} progress={progress} next={walk.stops[index + 1] ?? null} /> : <DonePanel walk={walk} number={s.list.wave.number} done={s.finished !== null} />}
        </Box>
        <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2, minHeight: 0 }}>
          <PickVerdict entry={last} />
          <RouteList walk={walk} current={index} />
        </Box>
      </Box>
      <Typography data-testid="pick-scan-keys" sx={{ fontSize: 16, color: 'text.secondary' }}>
        {s.finished ? t('picking.scan.keys.done') : failed ? t('picking.scan.keys.retry') : t('picking.scan.keys')}
      </Typography>
      {/* The dialog swallows Esc for itself: it comes back here as onClose. */}
      <Dialog open={s.confirmingShort && stop !== null} onClose={s.cancelShort}>
        <DialogTitle>{t('picking.scan.short.title')}</DialogTitle>
        <DialogContent data-testid="pick-short-dialog">
          <Typography sx={{ fontSize: 20 }}>{stop && progress ? t('picking.scan.short.body', { bin: stop.binCode ?? t('picking.scan.noBin'), sku: stop.sku, left: unitsLeft(stop, progress) }) : null}</Typography>
        </DialogContent>
        <DialogActions>
          <Button onClick={s.cancelShort}>{t('picking.scan.short.cancel')}</Button>
          <Button color="warning" variant="contained" onClick={() => void s.confirmShort()} data-testid="pick-short-confirm">
            {t('picking.scan.short.confirm')}
          </Button>
        </DialogActions>
      </Dialog>
    </Box>
  );
}

/** Every stop walked: what was picked, and the shorts the lead has to deal with before packing. */
function DonePanel({ walk, number, done }: { walk: Walk; number: string; done: boolean }) {
  const t = useT();
  const sum = totals(walk);
  const shorts = walk.stops.flatMap((stop, k) =>
    toteSlots(stop, walk.progress[k]!)
      .filter((slot) => slot.short > 0)
      .map((slot) => ({ key: `${stop.productId}-${slot.orderId}`, text: t('picking.scan.done.shortLine', { tote: slot.tote ?? slot.orderId, sku: stop.sku, n: slot.short, bin: stop.binCode ?? t('picking.scan.noBin') }) })),
  );
  return (
    <Paper variant="outlined" data-testid="pick-done" data-done={String(done)} sx={{ p: 3, display: 'flex', flexDirection: 'column', gap: 2, borderColor: done ? 'success.main' : 'divider', borderWidth: 3 }}>
      <Typography sx={{ fontSize: 40, fontWeight: 800, color: done ? 'success.main' : 'text.primary' }}>{t('picking.scan.done.title', { number })}</Typography>
      <Typography data-testid="pick-done-body" sx={{ fontSize: 22 }}>
        {t('picking.scan.done.body', { picked: sum.picked, short: sum.short })}
      </Typography>
      {shorts.length > 0 ? (
        <Box>
          <Typography sx={{ fontSize: 18, fontWeight: 700, color: 'warning.dark' }}>{t('picking.scan.done.shorts')}</Typography>
          {shorts.map((l) => (
            <Typography key={l.key} data-testid="pick-done-short" sx={{ fontSize: 20, fontFamily: 'ui-monospace, Consolas, monospace' }}>
              {l.text}
            </Typography>
          ))}
        </Box>
      ) : null}
    </Paper>
  );
}
