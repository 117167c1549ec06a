import { Box, Button, Chip, Dialog, DialogActions, DialogContent, DialogTitle, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import type { PickLine, PickList } from '../../../shared/ipc/channels/picking';
import { PrintToPrinter } from '../../components/PrinterPicker';
import { VirtualTable, type Column } from '../../components/VirtualTable';
import { useLocaleStore, useT } from '../../i18n';

interface Props {
  list: PickList;
  busy: boolean;
  onPdf(): void;
  onClose(): Promise<void>;
  /** Opens the wave in scan-picking mode. */
  onScanPick(): void;
}

/** One wave's pick list as the service orders it: by bin pick order, each SKU once, with where every unit goes. */
export function PickListPanel({ list, busy, onPdf, onClose, onScanPick }: Props) {
  const t = useT();
  const locale = useLocaleStore((s) => s.locale);
  const [confirming, setConfirming] = useState(false);
  const closed = list.wave.status === 'closed';

  const columns: Column<PickLine>[] = [
    {
      key: 'bin',
      width: 90,
      header: t('picking.col.bin'),
      render: (l) => l.binCode ?? <Box component="span" sx={{ color: 'text.secondary' }}>{t('picking.noBin')}</Box>,
      testId: 'pick-bin',
    },
    { key: 'sku', width: 120, header: t('picking.col.sku'), render: (l) => l.sku, testId: 'pick-sku' },
    { key: 'name', width: 140, grow: true, header: t('picking.col.name'), render: (l) => l.name, title: (l) => l.name },
    { key: 'total', width: 60, numeric: true, header: t('picking.col.total'), render: (l) => l.total, testId: 'pick-total' },
    {
      key: 'totes',
      width: 260,
      grow: true,
      header: t('picking.col.totes'),
      title: (l) => l.orders.map((o) => `${o.tote ?? '—'} ${o.orderId} ×${o.quantity}`).join('\n'),
      render: (l) => (
        <Stack direction="row" spacing={0.5} data-testid="pick-totes">
          {l.orders.map((o) => (
            <Chip
              key={o.orderId}
              size="small"
              variant="outlined"
              color={o.short > 0 ? 'warning' : 'default'}
              label={`${o.tote ?? o.orderId} ×${o.quantity}${o.short > 0 ? ` · ${t('picking.shortShare', { n: o.short })}` : ''}`}
              data-testid="pick-tote"
              data-order={o.orderId}
              data-short={o.short}
            />
          ))}
        </Stack>
      ),
    },
  ];

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1.5, flex: 1, minHeight: 0 }} data-testid="pick-list">
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <Typography variant="h6" component="h2" sx={{ flex: 1 }} data-testid="pick-list-title">
          {t('picking.list.title', { number: list.wave.number })}
        </Typography>
        {list.wave.shortUnits > 0 ? <Chip color="warning" label={t('picking.shortUnits', { n: list.wave.shortUnits })} data-testid="pick-list-short" /> : null}
        <Button variant="contained" onClick={onScanPick} disabled={busy || list.wave.status !== 'open' || list.lines.length === 0} data-testid="picking-scan-mode">
          {t('picking.scan.open')}
        </Button>
        <Button variant="outlined" onClick={onPdf} disabled={busy} data-testid="picking-pdf">
          {t('picking.pdf')}
        </Button>
        <Button variant="outlined" color="warning" onClick={() => setConfirming(true)} disabled={busy || closed} data-testid="picking-close">
          {t('picking.close')}
        </Button>
      </Stack>
      <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1.5 }}>
        <Typography variant="body2" color="text.secondary" sx={{ flex: '1 0 auto' }} data-testid="pick-list-totals">
          {t('picking.list.totals', list.totals)}
        </Typography>
        {/* Beside the PDF download: the same pick list straight to this station's document printer. */}
        <PrintToPrinter role="documents" testId="picking" document={{ kind: 'pick-list', waveId: list.wave.id, language: locale }} disabled={busy} />
      </Stack>
      <Box sx={{ flex: 1, minHeight: 240, display: 'flex' }}>
        <VirtualTable
          rows={list.lines}
          columns={columns}
          rowKey={(l) => l.productId}
          rowTestId={(l) => `pick-row-${l.sku}`}
          empty={<Typography data-testid="pick-list-empty">{t('picking.list.empty')}</Typography>}
          testId="pick-table"
        />
      </Box>
      <Dialog open={confirming} onClose={() => setConfirming(false)}>
        <DialogTitle>{t('picking.closeConfirm.title', { number: list.wave.number })}</DialogTitle>
        <DialogContent>
          <Typography>{t('picking.closeConfirm.body')}</Typography>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirming(false)}>{t('picking.cancel')}</Button>
          <Button
            color="warning"
            variant="contained"
            data-testid="picking-close-confirm"
            onClick={() => {
              setConfirming(false);
              void onClose();
            }}
          >
            {t('picking.close')}
          </Button>
        </DialogActions>
      </Dialog>
    </Box>
  );
}
