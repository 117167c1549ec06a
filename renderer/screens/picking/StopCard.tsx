import { Box, Chip, Paper, Stack, Typography } from '@mui/material';
import { useT } from '../../i18n';
import { toteSlots, type Stop, type StopProgress } from './pick-walk';

const MONO = 'ui-monospace, Consolas, monospace';

interface Props {
  stop: Stop;
  progress: StopProgress;
  next: Stop | null;
}

/** The stop the picker stands at, readable from arm's length: the bin, the product, how many, and into which totes. */
export function StopCard({ stop, progress, next }: Props) {
  const t = useT();
  const atShelf = stop.binCode === null || progress.binOk;
  const slots = toteSlots(stop, progress);
  const nextSlot = slots.findIndex((s) => s.filled + s.short < s.quantity);
  return (
    <Paper variant="outlined" data-testid="pick-stop" data-sku={stop.sku} data-bin-ok={String(atShelf)} sx={{ p: 3, display: 'flex', flexDirection: 'column', gap: 2, minHeight: 0 }}>
      <Typography data-testid="pick-stop-step" sx={{ fontSize: 24, fontWeight: 700, color: 'primary.main' }}>
        {atShelf ? t('picking.scan.step.item') : t('picking.scan.step.bin')}
      </Typography>
      <Box sx={{ display: 'flex', gap: 3, alignItems: 'stretch', flexWrap: 'wrap' }}>
        <Box
          sx={{
            px: 3,
            py: 1.5,
            borderRadius: 2,
            border: 4,
            borderColor: atShelf ? 'success.main' : 'primary.main',
            bgcolor: atShelf ? 'rgba(27,127,42,0.08)' : 'rgba(25,118,210,0.08)',
            minWidth: 220,
          }}
        >
          <Typography sx={{ fontSize: 18, color: 'text.secondary' }}>{t('picking.scan.bin')}</Typography>
          <Typography data-testid="pick-stop-bin" sx={{ fontSize: 72, fontWeight: 800, fontFamily: MONO, lineHeight: 1.1, wordBreak: 'break-all' }}>
            {stop.binCode ?? t('picking.scan.noBin')}
            {stop.binCode !== null && progress.binOk ? <Box component="span" sx={{ color: 'success.main', ml: 2 }}>✓</Box> : null}
          </Typography>
        </Box>
        <Box sx={{ flex: 1, minWidth: 260, display: 'flex', flexDirection: 'column', justifyContent: 'center', gap: 0.5 }}>
          <Typography data-testid="pick-stop-sku" sx={{ fontSize: 44, fontWeight: 800, fontFamily: MONO, lineHeight: 1.1, wordBreak: 'break-all' }}>
            {stop.sku}
          </Typography>
          <Typography sx={{ fontSize: 22, color: 'text.secondary' }} noWrap title={stop.name}>
            {stop.name}
          </Typography>
        </Box>
      </Box>
      <Stack direction="row" spacing={3} sx={{ alignItems: 'baseline', flexWrap: 'wrap' }}>
        <Typography sx={{ fontSize: 40, fontWeight: 800 }}>{t('picking.scan.take', { total: stop.total })}</Typography>
        <Typography data-testid="pick-stop-count" sx={{ fontSize: 28, fontWeight: 700, color: progress.picked > 0 ? 'success.main' : 'text.secondary' }}>
          {t('picking.scan.count', { picked: progress.picked, total: stop.total })}
        </Typography>
      </Stack>
      <Box>
        <Typography sx={{ fontSize: 18, color: 'text.secondary', mb: 1 }}>{t('picking.scan.putInto')}</Typography>
        <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
          {slots.map((s, k) => {
            const full = s.filled === s.quantity;
            const label = `${s.tote ?? s.orderId}  ${s.filled}/${s.quantity}${s.short > 0 ? ` · ${t('picking.scan.slotShort', { n: s.short })}` : ''}`;
            return (
              <Chip
                key={s.orderId}
                data-testid="pick-slot"
                data-tote={s.tote ?? ''}
                data-next={String(k === nextSlot && atShelf)}
                label={label}
                color={s.short > 0 ? 'warning' : full ? 'success' : k === nextSlot ? 'primary' : 'default'}
                variant={k === nextSlot || full || s.short > 0 ? 'filled' : 'outlined'}
                title={s.orderId}
                sx={{ fontSize: 22, height: 44, px: 1, fontFamily: MONO, fontWeight: 700 }}
              />
            );
          })}
        </Box>
      </Box>
      <Typography data-testid="pick-next" sx={{ fontSize: 18, color: 'text.secondary' }}>
        {next ? t('picking.scan.next', { bin: next.binCode ?? t('picking.scan.noBin'), sku: next.sku, total: next.total }) : t('picking.scan.lastStop')}
      </Typography>
    </Paper>
  );
}
