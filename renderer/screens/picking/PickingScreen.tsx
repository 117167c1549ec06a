import { Alert, Box, Button, MenuItem, Paper, Stack, TextField, Typography } from '@mui/material';
import { useEffect } from 'react';
import { MAX_WAVE_ORDERS } from '../../../shared/ipc/channels/picking';
import { listenForScans } from '../../components/scanner';
import { useLocaleStore, useT } from '../../i18n';
import { describeError } from '../../i18n/describe-error';
import { usePickingStore } from '../../stores/picking.store';
import { usePickScanStore } from './pick-scan.store';
import { PickListPanel } from './PickListPanel';
import { PickScanView } from './PickScanView';
import { WavesTable } from './WavesTable';

/**
 * 拣货: waves of allocated orders for one warehouse and the bin-ordered pick list of the chosen wave; a wave opened
 * in scan-picking mode (button, or its barcode scanned off the pick list) takes the whole screen until Esc.
 */
export function PickingScreen() {
  const t = useT();
  const locale = useLocaleStore((s) => s.locale);
  const s = usePickingStore();
  const { load } = s;
  const scanReady = usePickScanStore((st) => st.ready);
  const scanning = usePickScanStore((st) => st.session !== null);
  const notice = usePickScanStore((st) => st.notice);
  const { restore, enter, enterByCode } = usePickScanStore.getState();

  useEffect(() => void load(), [load]);
  useEffect(() => void restore(), [restore]);
  useEffect(() => (scanReady && !scanning ? listenForScans({ onScan: (code) => void enterByCode(code) }) : undefined), [scanReady, scanning, enterByCode]);

  if (!scanReady) return null;
  if (scanning) return <PickScanView onLeave={() => void load()} />;

  const maxValid = Number.isInteger(s.maxOrders) && s.maxOrders >= 1 && s.maxOrders <= MAX_WAVE_ORDERS;

  return (
    <Box sx={{ p: 3, display: 'flex', flexDirection: 'column', height: '100%', boxSizing: 'border-box', gap: 2 }}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Typography variant="h5" component="h1" sx={{ flex: 1 }}>
          {t('nav.picking')}
        </Typography>
        <TextField
          select
          size="small"
          label={t('picking.warehouse')}
          value={s.warehouseId ?? ''}
          onChange={(e) => void s.setWarehouse(Number(e.target.value))}
          disabled={s.warehouses.length === 0}
          sx={{ width: 220 }}
          slotProps={{ select: { inputProps: { 'data-testid': 'picking-warehouse' } } }}
        >
          {s.warehouses.map((w) => (
            <MenuItem key={w.id} value={w.id}>
              {w.code} · {w.name}
            </MenuItem>
          ))}
        </TextField>
      </Stack>
      <Typography variant="body2" color="text.secondary">
        {t('picking.help')} {t('picking.scan.hint')}
      </Typography>
      {s.warehouses.length === 0 && !s.busy ? (
        <Alert severity="info" data-testid="picking-no-warehouse">
          {t('picking.noWarehouse')}
        </Alert>
      ) : null}
      {notice ? (
        <Alert severity="warning" data-testid="pick-scan-notice">
          {'notWave' in notice ? t('picking.scan.notWave', { code: notice.notWave }) : describeError(t, notice.error)}
        </Alert>
      ) : null}
      {s.error ? (
        <Alert severity="error" data-testid="picking-error">
          {describeError(t, s.error)}
        </Alert>
      ) : null}
      {s.created ? (
        <Alert severity="success" data-testid="picking-created">
          {t('picking.created', { number: s.created.number, orders: s.created.orders })}
        </Alert>
      ) : null}
      <Box sx={{ display: 'flex', gap: 2, flex: 1, minHeight: 0 }}>
        <Paper variant="outlined" sx={{ width: 480, flexShrink: 0, p: 2, display: 'flex', flexDirection: 'column', gap: 1.5 }}>
          <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center' }}>
            <Typography variant="subtitle1" sx={{ fontWeight: 600, flex: 1 }} data-testid="picking-candidates" data-count={s.candidates}>
              {t('picking.candidates', { n: s.candidates })}
            </Typography>
            <TextField
              size="small"
              type="number"
              label={t('picking.maxOrders')}
              value={Number.isNaN(s.maxOrders) ? '' : s.maxOrders}
              onChange={(e) => s.setMaxOrders(e.target.value === '' ? Number.NaN : Number(e.target.value))}
              error={!maxValid}
              sx={{ width: 120 }}
              slotProps={{ htmlInput: { min: 1, max: MAX_WAVE_ORDERS, 'data-testid': 'picking-max-orders' } }}
            />
            <Button
              variant="contained"
              onClick={() => void s.createWave()}
              disabled={s.busy || s.candidates === 0 || !maxValid || s.warehouseId === null}
              data-testid="picking-create-wave"
            >
              {t('picking.createWave')}
            </Button>
          </Stack>
          <Typography variant="subtitle2">{t('picking.waves')}</Typography>
          <Box sx={{ flex: 1, minHeight: 240, display: 'flex' }}>
            <WavesTable waves={s.waves} selected={s.selectedWaveId} onSelect={(id) => void s.selectWave(id)} />
          </Box>
        </Paper>
        <Paper variant="outlined" sx={{ flex: 1, minWidth: 0, p: 2, display: 'flex', flexDirection: 'column' }}>
          {s.pickList ? (
            <PickListPanel list={s.pickList} busy={s.busy} onPdf={() => void s.downloadPdf(locale)} onClose={s.closeWave} onScanPick={() => void enter(s.pickList!.wave.id)} />
          ) : (
            <Typography color="text.secondary" data-testid="picking-select-wave">
              {t('picking.selectWave')}
            </Typography>
          )}
        </Paper>
      </Box>
    </Box>
  );
}
