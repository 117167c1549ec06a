import { Alert, Button, Chip, Dialog, DialogActions, DialogContent, DialogTitle, MenuItem, Stack, Tab, Tabs, TextField, Typography } from '@mui/material';
import { useEffect, useMemo, useState } from 'react';
import type { PlanDetail } from '../../../shared/domain/fba-inbound';
import { boxMarks, type BoxMark } from '../../../shared/fba-box-rules';
import type { Carton, LabelLayoutInfo } from '../../../shared/ipc/channels/labels';
import type { Locale } from '../../../shared/domain/locale';
import { api, ApiError } from '../../api/client';
import { translate, useLocaleStore, useT } from '../../i18n';
import { describeError } from '../../i18n/describe-error';
import { PrintToPrinter } from '../../components/PrinterPicker';
import { saveBase64File } from '../purchasing/format';
import { cartonPreview, firstSheet, fnskuPreview, pagesFor } from './label-preview';
import { LabelPreview, SheetPreview } from './LabelPreview';

type TabId = 'fnsku' | 'carton' | 'amazon';
const AMAZON_PAGE_TYPES = ['PackageLabel_Thermal', 'PackageLabel_Letter_2', 'PackageLabel_A4_2', 'PackageLabel_Plain_Paper'] as const;

/** One download at a time, with the refusal kept for display. */
function useDownload() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<{ fileName: string; pages: number } | null>(null);
  async function run(fetch: () => Promise<{ fileName: string; base64: string; pages: number }>) {
    if (busy) return;
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const file = await fetch();
      saveBase64File(file.fileName, file.base64, 'application/pdf');
      setDone({ fileName: file.fileName, pages: file.pages });
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError('internal'));
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, done, run };
}

function Outcome({ d }: { d: ReturnType<typeof useDownload> }) {
  const t = useT();
  if (d.error)
    return (
      <Alert severity="error" data-testid="labels-error">
        {describeError(t, d.error)}
      </Alert>
    );
  if (d.done)
    return (
      <Alert severity="success" data-testid="labels-done">
        {t('labels.saved', { file: d.done.fileName, pages: d.done.pages })}
      </Alert>
    );
  return null;
}

function FnskuTab({ plan, layouts }: { plan: PlanDetail; layouts: LabelLayoutInfo[] }) {
  const t = useT();
  const locale = useLocaleStore((s) => s.locale);
  const fnskuLayouts = layouts.filter((l) => l.kind === 'fnsku');
  const [layoutName, setLayoutName] = useState('thermal-57x32');
  const [language, setLanguage] = useState<Locale>(locale);
  const [start, setStart] = useState('1');
  const download = useDownload();
  const layout = fnskuLayouts.find((l) => l.name === layoutName) ?? fnskuLayouts[0];
  const labels = plan.items.reduce((n, i) => n + i.quantity, 0);
  const startPosition = layout?.media === 'sheet' ? Math.min(Math.max(1, Number(start) || 1), layout.cells) : 1;
  const first = plan.items[0];
  if (!layout || !first) return null;
  const model = fnskuPreview(layout, { fnsku: first.fnsku, title: first.name, condition: translate(language, 'labels.condition.new') });
  const sheet = layout.media === 'sheet' ? firstSheet(layout, labels, startPosition) : null;

  return (
    <Stack spacing={2} data-testid="labels-fnsku">
      <Stack direction="row" spacing={2} sx={{ flexWrap: 'wrap', rowGap: 2 }}>
        <TextField select size="small" label={t('labels.layout')} value={layout.name} onChange={(e) => setLayoutName(e.target.value)} sx={{ width: 330 }} slotProps={{ select: { inputProps: { 'data-testid': 'labels-layout' } } }}>
          {fnskuLayouts.map((l) => (
            <MenuItem key={l.name} value={l.name}>
              {t(`labels.layout.${l.name}` as 'labels.layout.thermal-57x32')}
            </MenuItem>
          ))}
        </TextField>
        <TextField select size="small" label={t('labels.language')} value={language} onChange={(e) => setLanguage(e.target.value as Locale)} sx={{ width: 140 }} slotProps={{ select: { inputProps: { 'data-testid': 'labels-language' } } }}>
          <MenuItem value="zh-CN">{t('language.zh-CN')}</MenuItem>
          <MenuItem value="en">{t('language.en')}</MenuItem>
        </TextField>
        {layout.media === 'sheet' ? (
          <TextField
            size="small"
            type="number"
            label={t('labels.start')}
            value={start}
            onChange={(e) => setStart(e.target.value)}
            helperText={t('labels.startHelp', { cells: layout.cells })}
            sx={{ width: 160 }}
            slotProps={{ htmlInput: { min: 1, max: layout.cells, 'data-testid': 'labels-start' } }}
          />
        ) : null}
      </Stack>
      <Stack direction="row" spacing={3} sx={{ alignItems: 'flex-start' }}>
        <Stack spacing={1}>
          <Typography variant="caption" color="text.secondary">
            {t('labels.previewFirst', { sku: first.msku })}
          </Typography>
          <LabelPreview model={model} maxWidth={360} maxHeight={220} testId="fnsku-preview" />
          {model.overflows ? <Alert severity="warning">{t('labels.overflows')}</Alert> : null}
        </Stack>
        {sheet ? <SheetPreview page={layout.page} cells={sheet.cells} maxHeight={260} /> : null}
      </Stack>
      <Typography data-testid="labels-count">{t('labels.count', { labels, pages: pagesFor(layout, labels, startPosition), skus: plan.items.length })}</Typography>
      <Outcome d={download} />
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}>
        <Button variant="contained" disabled={download.busy} onClick={() => void download.run(() => api.labelsFnsku({ planId: plan.id, layout: layout.name, language, ...(layout.media === 'sheet' ? { startPosition } : {}) }))} data-testid="labels-print-fnsku">
          {t('printing.download')}
        </Button>
        <PrintToPrinter role="labels" testId="labels-fnsku" document={{ kind: 'fnsku-labels', planId: plan.id, layout: layout.name, language, ...(layout.media === 'sheet' ? { startPosition } : {}) }} />
      </Stack>
    </Stack>
  );
}

const weightText = (g: number) => `${(g / 1000).toFixed(1)} kg`;

function CartonTab({ plan, layouts }: { plan: PlanDetail; layouts: LabelLayoutInfo[] }) {
  const t = useT();
  const cartonLayouts = layouts.filter((l) => l.kind === 'carton');
  const shipments = plan.shipmentList.filter((s) => s.confirmationId);
  const [shipmentId, setShipmentId] = useState<number | ''>(shipments[0]?.id ?? '');
  const [layoutName, setLayoutName] = useState('carton-4x6');
  const [cartons, setCartons] = useState<Carton[] | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const download = useDownload();
  const layout = cartonLayouts.find((l) => l.name === layoutName) ?? cartonLayouts[0];

  useEffect(() => {
    if (shipmentId === '') return;
    setCartons(null);
    setLoadError(null);
    api.labelsCartons({ planId: plan.id, shipmentId }).then(setCartons, (err: unknown) => setLoadError(err instanceof ApiError ? err : new ApiError('internal')));
  }, [plan.id, shipmentId]);

  if (shipments.length === 0) return <Alert severity="info">{t('labels.noConfirmedShipments')}</Alert>;
  const first = cartons?.[0];
  const shipment = shipments.find((s) => s.id === shipmentId);
  const marks = (m: BoxMark[]) => m.map((x) => `${translate('en', `fba.mark.${x}`)} ${translate('zh-CN', `fba.mark.${x}`)}`);
  const model =
    first && layout
      ? cartonPreview(layout, {
          boxId: first.boxId,
          boxNumber: first.boxNumber,
          boxCount: first.boxCount,
          shipmentLine: first.shipmentName ? `${shipment?.confirmationId ?? ''} · ${first.shipmentName}` : (shipment?.confirmationId ?? ''),
          shipFrom: first.shipFrom,
          shipTo: first.shipTo,
          weightText: first.weightG !== null ? weightText(first.weightG) : null,
          marks: marks(first.marks.length > 0 ? first.marks : first.weightG ? boxMarks(plan.marketplaceId, { value: first.weightG / 1000, unit: 'KG' }) : []),
          // The carton mark is bilingual whatever the screen's language, as it prints.
          headings: {
            from: t('labels.carton.shipFrom'),
            to: t('labels.carton.shipTo'),
            box: t('labels.carton.boxOf', { n: first.boxNumber, m: first.boxCount }),
            weight: t('labels.carton.weight'),
            uncovered: t('labels.carton.uncovered'),
          },
        })
      : null;

  return (
    <Stack spacing={2} data-testid="labels-carton">
      <Stack direction="row" spacing={2}>
        <TextField select size="small" label={t('labels.shipment')} value={shipmentId} onChange={(e) => setShipmentId(Number(e.target.value))} sx={{ width: 280 }} slotProps={{ select: { inputProps: { 'data-testid': 'labels-shipment' } } }}>
          {shipments.map((s) => (
            <MenuItem key={s.id} value={s.id}>
              {s.confirmationId} → {s.destinationFc ?? '?'}
            </MenuItem>
          ))}
        </TextField>
        <TextField select size="small" label={t('labels.layout')} value={layout?.name ?? ''} onChange={(e) => setLayoutName(e.target.value)} sx={{ width: 240 }} slotProps={{ select: { inputProps: { 'data-testid': 'labels-carton-layout' } } }}>
          {cartonLayouts.map((l) => (
            <MenuItem key={l.name} value={l.name}>
              {t(`labels.layout.${l.name}` as 'labels.layout.carton-4x6')}
            </MenuItem>
          ))}
        </TextField>
      </Stack>
      {loadError ? <Alert severity="error">{describeError(t, loadError)}</Alert> : null}
      {model && cartons ? (
        <Stack direction="row" spacing={3} sx={{ alignItems: 'flex-start' }}>
          <LabelPreview model={model} maxWidth={260} maxHeight={390} testId="carton-preview" />
          <Stack spacing={0.5} data-testid="carton-box-ids">
            <Typography variant="subtitle2">{t('labels.cartons', { n: cartons.length })}</Typography>
            {cartons.map((c) => (
              <Stack key={c.boxId} direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                <Typography variant="body2" sx={{ fontFamily: 'monospace' }} data-testid="carton-box-id">
                  {c.boxId}
                </Typography>
                <Typography variant="caption" color="text.secondary">
                  {c.boxNumber}/{c.boxCount}
                  {c.weightG !== null ? ` · ${weightText(c.weightG)}` : ''}
                </Typography>
                {c.marks.map((m) => (
                  <Chip key={m} size="small" color="warning" label={t(`fba.mark.${m}`)} />
                ))}
              </Stack>
            ))}
          </Stack>
        </Stack>
      ) : null}
      <Outcome d={download} />
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}>
        <Button variant="contained" disabled={download.busy || shipmentId === '' || !layout} onClick={() => shipmentId !== '' && layout && void download.run(() => api.labelsCarton({ planId: plan.id, shipmentId, layout: layout.name }))} data-testid="labels-print-carton">
          {t('printing.download')}
        </Button>
        <PrintToPrinter role="labels" testId="labels-carton" document={shipmentId !== '' && layout ? { kind: 'carton-labels', planId: plan.id, shipmentId, layout: layout.name } : null} />
      </Stack>
    </Stack>
  );
}

function AmazonTab({ plan }: { plan: PlanDetail }) {
  const t = useT();
  const shipments = plan.shipmentList;
  const [shipmentId, setShipmentId] = useState<number | ''>(shipments[0]?.id ?? '');
  const [pageType, setPageType] = useState<(typeof AMAZON_PAGE_TYPES)[number]>('PackageLabel_Thermal');
  const download = useDownload();
  if (shipments.length === 0) return <Alert severity="info">{t('labels.noConfirmedShipments')}</Alert>;
  const shipment = shipments.find((s) => s.id === shipmentId);
  return (
    <Stack spacing={2} data-testid="labels-amazon">
      <Typography variant="body2" color="text.secondary">
        {t('labels.amazonHelp')}
      </Typography>
      <Stack direction="row" spacing={2}>
        <TextField select size="small" label={t('labels.shipment')} value={shipmentId} onChange={(e) => setShipmentId(Number(e.target.value))} sx={{ width: 280 }}>
          {shipments.map((s) => (
            <MenuItem key={s.id} value={s.id}>
              {s.confirmationId ?? s.amazonShipmentId} → {s.destinationFc ?? '?'}
            </MenuItem>
          ))}
        </TextField>
        <TextField select size="small" label={t('labels.pageType')} value={pageType} onChange={(e) => setPageType(e.target.value as (typeof AMAZON_PAGE_TYPES)[number])} sx={{ width: 240 }}>
          {AMAZON_PAGE_TYPES.map((p) => (
            <MenuItem key={p} value={p}>
              {t(`labels.pageType.${p}`)}
            </MenuItem>
          ))}
        </TextField>
      </Stack>
      {shipment?.labelStored ? <Typography variant="caption">{t('labels.amazonStored')}</Typography> : null}
      <Outcome d={download} />
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}>
        <Button variant="contained" disabled={download.busy || shipmentId === ''} onClick={() => shipmentId !== '' && void download.run(() => api.fbaAmazonLabels({ planId: plan.id, shipmentId, pageType }))} data-testid="labels-print-amazon">
          {t('labels.downloadAmazon')}
        </Button>
        <PrintToPrinter role="labels" testId="labels-amazon" document={shipmentId !== '' ? { kind: 'amazon-labels', planId: plan.id, shipmentId, pageType } : null} />
      </Stack>
    </Stack>
  );
}

/** Label printing for a plan, each kind with a preview of what will print before anything is printed. */
export function LabelsDialog({ plan, open, onClose }: { plan: PlanDetail; open: boolean; onClose(): void }) {
  const t = useT();
  const [tab, setTab] = useState<TabId>('fnsku');
  const [layouts, setLayouts] = useState<LabelLayoutInfo[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    if (open && layouts.length === 0) api.labelLayouts().then(setLayouts, (err: unknown) => setError(err instanceof ApiError ? err : new ApiError('internal')));
  }, [open, layouts.length]);
  const hasShipments = useMemo(() => plan.shipmentList.some((s) => s.confirmationId), [plan.shipmentList]);

  return (
    <Dialog open={open} onClose={onClose} maxWidth="md" fullWidth data-testid="labels-dialog">
      <DialogTitle>{t('labels.title', { plan: plan.name })}</DialogTitle>
      <DialogContent sx={{ minHeight: 420 }}>
        <Tabs value={tab} onChange={(_, v: TabId) => setTab(v)} sx={{ mb: 2 }}>
          <Tab value="fnsku" label={t('labels.tab.fnsku')} data-testid="labels-tab-fnsku" />
          <Tab value="carton" label={t('labels.tab.carton')} disabled={!hasShipments} data-testid="labels-tab-carton" />
          <Tab value="amazon" label={t('labels.tab.amazon')} disabled={!hasShipments} data-testid="labels-tab-amazon" />
        </Tabs>
        {error ? <Alert severity="error">{describeError(t, error)}</Alert> : null}
        {layouts.length > 0 && tab === 'fnsku' ? <FnskuTab plan={plan} layouts={layouts} /> : null}
        {layouts.length > 0 && tab === 'carton' ? <CartonTab plan={plan} layouts={layouts} /> : null}
        {tab === 'amazon' ? <AmazonTab plan={plan} /> : null}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} data-testid="labels-close">
          {t('labels.close')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
