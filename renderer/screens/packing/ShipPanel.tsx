import { Box, Button, MenuItem, TextField, Typography } from '@mui/material';
import { type Ref } from 'react';
import { amazonCarriers } from '../../../shared/carriers';
import type { PackingOrder } from '../../../shared/ipc/channels/packing';
import type { ShipForm } from '../../db/scan-journal';
import { useT, type MessageKey } from '../../i18n';
import { packBlocker, shipBlocker } from '../../stores/packing.store';

interface Props {
  order: PackingOrder;
  form: ShipForm;
  shipping: boolean;
  printing: boolean;
  trackingRef: Ref<HTMLInputElement>;
  onChange(patch: Partial<ShipForm>): void;
  onShip(): void;
  onPack(): void;
  onSlip(): void;
}

const big = { '& .MuiInputBase-input': { fontSize: 26, fontWeight: 700, py: 1.25 }, '& .MuiInputLabel-root': { fontSize: 18 } } as const;

/**
 * Shown once every unit is in the box: weight, carrier (preselected from the carrier rules), tracking, 发货 — or, with
 * no tracking number yet (carrier pickup), 装箱完成 to ship later; and the packing slip for the box.
 */
export function ShipPanel({ order, form, shipping, printing, trackingRef, onChange, onShip, onPack, onSlip }: Props) {
  const t = useT();
  const carriers = amazonCarriers.filter((c) => !c.marketplaces || c.marketplaces.includes(order.marketplaceId) || c.code === form.carrierCode);
  const blocker = shipBlocker(form);
  const packBlocked = packBlocker(order, form);
  return (
    <Box data-testid="packing-ship" sx={{ p: 2, borderRadius: 2, border: 3, borderColor: 'success.main', bgcolor: 'background.paper', display: 'flex', flexDirection: 'column', gap: 1.5 }}>
      <Box sx={{ display: 'flex', alignItems: 'baseline', gap: 2, flexWrap: 'wrap' }}>
        <Typography sx={{ fontSize: 24, fontWeight: 800, color: 'success.dark', flex: 1 }}>{order.state === 'packed' ? t('packing.ship.readyPacked') : t('packing.ship.ready')}</Typography>
        <Typography data-testid="packing-ship-hint" sx={{ fontSize: 20, color: blocker ? 'warning.dark' : 'success.dark', fontWeight: 700 }}>
          {blocker ? t(`packing.ship.need.${blocker}` as MessageKey) : t('packing.ship.pressEnter')}
        </Typography>
      </Box>
      <Box sx={{ display: 'grid', gridTemplateColumns: '160px 240px minmax(220px, 1fr) auto', gap: 2, alignItems: 'start' }}>
        <TextField
          label={t('packing.ship.weight')}
          value={form.weight}
          onChange={(e) => onChange({ weight: e.target.value.replace(/\D/g, '').slice(0, 6) })}
          sx={big}
          slotProps={{ htmlInput: { 'data-testid': 'packing-weight', inputMode: 'numeric' }, input: { endAdornment: <Typography sx={{ fontSize: 20, color: 'text.secondary' }}>g</Typography> } }}
        />
        <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}>
          <TextField
            select
            label={t('packing.ship.carrier')}
            value={form.carrierCode}
            onChange={(e) => onChange({ carrierCode: e.target.value })}
            sx={big}
            slotProps={{ select: { inputProps: { 'data-testid': 'packing-carrier' } } }}
          >
            {carriers.map((c) => (
              <MenuItem key={c.code} value={c.code}>
                {c.name}
              </MenuItem>
            ))}
          </TextField>
          {form.carrierCode === 'Other' ? (
            <TextField label={t('packing.ship.carrierName')} value={form.carrierName} onChange={(e) => onChange({ carrierName: e.target.value })} slotProps={{ htmlInput: { 'data-testid': 'packing-carrier-name', maxLength: 100 } }} />
          ) : null}
        </Box>
        <TextField
          label={t('packing.ship.tracking')}
          value={form.tracking}
          onChange={(e) => onChange({ tracking: e.target.value.trim() })}
          inputRef={trackingRef}
          sx={big}
          error={blocker === 'tracking-format'}
          helperText={blocker === 'tracking-format' ? t('packing.ship.trackingFormat', { carrier: form.carrierCode }) : t('packing.ship.trackingHelp')}
          slotProps={{ htmlInput: { 'data-testid': 'packing-tracking', maxLength: 40, spellCheck: false } }}
        />
        <Button
          variant="contained"
          color="success"
          size="large"
          disabled={blocker !== null || shipping}
          onClick={onShip}
          data-testid="packing-ship-button"
          sx={{ fontSize: 30, fontWeight: 800, px: 5, py: 1.25, minWidth: 180 }}
        >
          {t('packing.ship.button')}
        </Button>
      </Box>
      {/* The bench's second choices, kept to one slim row so the lines above stay readable. */}
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5, flexWrap: 'wrap', mt: -0.5 }}>
        <Button variant="outlined" size="small" onClick={onSlip} disabled={printing} data-testid="packing-slip-button" sx={{ fontSize: 15, fontWeight: 700 }}>
          {t('packing.slip.button')}
        </Button>
        {order.state === 'packed' ? null : (
          <Button variant="outlined" color="success" size="small" onClick={onPack} disabled={packBlocked !== null || shipping} data-testid="packing-pack-button" sx={{ fontSize: 15, fontWeight: 700 }}>
            {t('packing.pack.button')}
          </Button>
        )}
        <Typography data-testid="packing-pack-hint" sx={{ fontSize: 15, color: 'text.secondary', flex: 1, minWidth: 0 }} noWrap>
          {packBlocked === 'needs-tracking' ? t('packing.pack.needsTracking') : order.state === 'packed' ? t('packing.pack.waiting', { weight: order.weightG ?? '' }) : t('packing.pack.help')}
        </Typography>
      </Box>
    </Box>
  );
}
