import { Alert, Box, Chip, Divider, Drawer, IconButton, Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import type { OrderDetail } from '../../../shared/ipc/channels/orders-list';
import { formatInZone } from '../../../shared/marketplace-time';
import type { ApiError } from '../../api/client';
import { formatDateTime, useLocaleStore, useT, type MessageKey } from '../../i18n';
import { describeError } from '../../i18n/describe-error';
import { formatMoney } from '../purchasing/format';
import { OrderReturns } from '../returns/OrderReturns';
import { deadlineText, URGENCY_COLOR } from './countdown';
import { amazonStatusLabel, exceptionLabel, OrderStateChip } from './labels';

interface Props {
  openId: string | null;
  detail: OrderDetail | null;
  error: ApiError | null;
  now: Date;
  domainOf(marketplaceId: string): string;
  onClose(): void;
}

function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <Box component="section" data-testid={testId} sx={{ mt: 2.5 }}>
      <Typography variant="subtitle2" component="h3" sx={{ mb: 1, color: 'text.secondary' }}>
        {title}
      </Typography>
      {children}
    </Box>
  );
}

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <>
      <Box sx={{ color: 'text.secondary' }}>{label}</Box>
      <Box data-testid={testId}>{children}</Box>
    </>
  );
}

const UPLOAD_KEYS: Record<string, MessageKey> = {
  pending: 'orders.detail.upload.pending',
  in_flight: 'orders.detail.upload.in_flight',
  done: 'orders.detail.upload.done',
  dead: 'orders.detail.upload.dead',
};

/** One order, as a clerk checks it before packing: what, how many, by when (marketplace time), where it stands. */
function OrderDetailBody({ d, now, domainOf }: { d: OrderDetail; now: Date; domainOf(marketplaceId: string): string }) {
  const t = useT();
  const locale = useLocaleStore((s) => s.locale);
  const inZone = (iso: string) => formatInZone(iso, d.timeZone, locale);
  const uploadText = (status: string | null) => {
    const key = status ? UPLOAD_KEYS[status] : undefined;
    return key ? ` · ${t(key)}` : '';
  };
  const shipBy = d.shipByLatest && d.awaitingShipment ? deadlineText(t, d.shipByLatest, now) : null;
  const tracking = d.trackingDueBy ? deadlineText(t, d.trackingDueBy, now) : null;
  return (
    <>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
        <OrderStateChip row={d} />
        <Chip size="small" variant="outlined" label={`${t('orders.detail.amazonStatus')} · ${amazonStatusLabel(t, d.amazonStatus)}`} />
        {d.fulfilledBy === 'AMAZON' ? <Chip size="small" color="secondary" variant="outlined" label={t('orders.fba')} /> : null}
        {shipBy ? (
          <Box component="span" sx={{ color: URGENCY_COLOR[shipBy.urgency], fontWeight: 600 }} data-testid="detail-countdown">
            {shipBy.text}
          </Box>
        ) : null}
        {tracking ? (
          <Box component="span" sx={{ color: URGENCY_COLOR[tracking.urgency], fontWeight: 600 }} data-testid="detail-tracking-countdown">
            {t('orders.tracking', { left: tracking.text })}
          </Box>
        ) : null}
      </Stack>

      <Section title={t('orders.detail.facts')}>
        <Box sx={{ display: 'grid', gridTemplateColumns: '96px 1fr', rowGap: 0.5, columnGap: 1.5, fontSize: 14 }}>
          <Fact label={t('orders.detail.store')}>{d.storeName}</Fact>
          <Fact label={t('orders.detail.marketplace')}>
            {domainOf(d.marketplaceId)} · {d.timeZone}
          </Fact>
          <Fact label={t('orders.detail.created')}>{inZone(d.createdAt)}</Fact>
          <Fact label={t('orders.detail.shipBy')} testId="detail-ship-by">
            {d.shipByLatest ? `${inZone(d.shipByLatest)} · ${formatDateTime(locale, d.shipByLatest)}` : '—'}
          </Fact>
          <Fact label={t('orders.detail.deliverBy')}>{d.deliverByLatest ? inZone(d.deliverByLatest) : '—'}</Fact>
          <Fact label={t('orders.detail.service')}>{d.serviceLevel ?? '—'}</Fact>
          <Fact label={t('orders.detail.total')}>{d.totalMinor !== null && d.currency ? formatMoney(locale, d.totalMinor, d.currency) : '—'}</Fact>
        </Box>
      </Section>

      <Section title={t('orders.detail.recipient')} testId="detail-recipient">
        {d.recipient ? (
          <Typography variant="body2">
            {[d.recipient.name, d.recipient.city, d.recipient.countryCode].filter(Boolean).join(' · ')}
          </Typography>
        ) : (
          <Typography variant="body2" color="text.secondary">
            {t(`orders.detail.recipient.${d.recipientHidden ?? 'none'}`)}
          </Typography>
        )}
      </Section>

      <Section title={t('orders.detail.items')} testId="detail-items">
        <Stack spacing={1}>
          {d.items.map((i) => (
            <Box key={i.orderItemId} sx={{ display: 'flex', gap: 1.5, alignItems: 'baseline', fontSize: 14 }} data-testid={`detail-item-${i.sku ?? i.orderItemId}`}>
              <Box sx={{ fontFamily: 'monospace', fontSize: 13, flex: '0 0 auto' }}>{i.sku ?? '—'}</Box>
              <Box sx={{ flex: 1, minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', color: 'text.secondary' }} title={i.title ?? undefined}>
                {i.asin ? `${i.asin} · ` : ''}
                {i.title}
              </Box>
              <Box sx={{ flex: '0 0 auto', fontVariantNumeric: 'tabular-nums' }}>{t('orders.detail.item.line', { qty: i.quantityOrdered, shipped: i.quantityShipped })}</Box>
            </Box>
          ))}
        </Stack>
      </Section>

      <Section title={t('orders.detail.workflow')} testId="detail-workflow">
        {d.workflow ? (
          <Box sx={{ display: 'grid', gridTemplateColumns: '96px 1fr', rowGap: 0.5, columnGap: 1.5, fontSize: 14 }}>
            <Fact label={t('orders.col.state')}>
              {t(`orders.state.${d.workflow.state}`)} · {formatDateTime(locale, d.workflow.stateChangedAt)}
            </Fact>
            <Fact label={t('orders.detail.warehouse')}>{d.workflow.warehouseCode ?? '—'}</Fact>
            <Fact label={t('orders.detail.carrier')}>{[d.workflow.carrierCode, d.workflow.carrierName, d.workflow.shippingService].filter(Boolean).join(' · ') || '—'}</Fact>
            <Fact label={t('orders.detail.wave')}>{[d.workflow.waveNumber, d.workflow.tote].filter(Boolean).join(' / ') || '—'}</Fact>
            <Fact label={t('orders.detail.weight')}>{d.workflow.weightG !== null ? `${d.workflow.weightG} g` : '—'}</Fact>
          </Box>
        ) : (
          <Typography variant="body2" color="text.secondary">
            {t('orders.detail.workflow.none')}
          </Typography>
        )}
      </Section>

      <Section title={t('orders.detail.exceptions')} testId="detail-exceptions">
        {d.exceptions.length === 0 ? (
          <Typography variant="body2" color="text.secondary">
            {t('orders.detail.exceptions.none')}
          </Typography>
        ) : (
          <Stack spacing={0.5}>
            {d.exceptions.map((e) => (
              <Box key={e.id} sx={{ fontSize: 14, color: e.resolvedAt ? 'text.secondary' : 'error.main' }} data-code={e.code}>
                {exceptionLabel(t, e.code)} · {formatDateTime(locale, e.raisedAt)}
                {e.resolvedAt ? ` · ${t('orders.detail.exception.resolved', { resolution: e.resolution ?? '' })}` : ''}
              </Box>
            ))}
          </Stack>
        )}
      </Section>

      <Section title={t('orders.detail.packages')} testId="detail-packages">
        {d.packages.length === 0 ? (
          <Typography variant="body2" color="text.secondary">
            {t('orders.detail.packages.none')}
          </Typography>
        ) : (
          <Stack spacing={0.5}>
            {d.packages.map((p) => (
              <Box key={`${p.source}-${p.packageReferenceId}`} sx={{ fontSize: 14 }}>
                {t(p.source === 'amazon' ? 'orders.detail.package.amazon' : 'orders.detail.package.local')} #{p.packageReferenceId} · {p.carrier ?? '—'} ·{' '}
                <Box component="span" sx={{ fontFamily: 'monospace' }}>
                  {p.trackingNumber ?? '—'}
                </Box>
                {p.shippedAt ? ` · ${inZone(p.shippedAt)}` : ''}
                {uploadText(p.uploadStatus)}
              </Box>
            ))}
          </Stack>
        )}
      </Section>

      <Section title={t('nav.returns')} testId="detail-returns">
        <OrderReturns returns={d.returns} totalMinor={d.totalMinor} currency={d.currency} />
      </Section>

      <Section title={t('orders.detail.history')} testId="detail-history">
        <Stack spacing={0.5}>
          {d.history.map((h, i) => (
            <Box key={i} sx={{ fontSize: 14 }}>
              {formatDateTime(locale, h.changedAt)} · {h.from ? `${amazonStatusLabel(t, h.from)} → ` : ''}
              {amazonStatusLabel(t, h.to)}
            </Box>
          ))}
        </Stack>
      </Section>
    </>
  );
}

export function OrderDrawer({ openId, detail, error, now, domainOf, onClose }: Props) {
  const t = useT();
  return (
    <Drawer anchor="right" open={openId !== null} onClose={onClose} slotProps={{ paper: { sx: { width: 560, p: 3, boxSizing: 'border-box' }, 'data-testid': 'order-drawer' } as object }}>
      <Stack direction="row" sx={{ alignItems: 'center', mb: 1.5 }}>
        <Typography variant="h6" component="h2" sx={{ flex: 1, fontFamily: 'monospace' }} data-testid="order-drawer-title">
          {openId ? t('orders.detail.title', { id: openId }) : ''}
        </Typography>
        <IconButton aria-label={t('common.close')} onClick={onClose} data-testid="order-drawer-close">
          ✕
        </IconButton>
      </Stack>
      <Divider />
      <Box sx={{ mt: 2 }}>
        {error ? <Alert severity="error">{describeError(t, error)}</Alert> : null}
        {!error && !detail ? <Typography color="text.secondary">{t('orders.detail.loading')}</Typography> : null}
        {detail && detail.id === openId ? <OrderDetailBody d={detail} now={now} domainOf={domainOf} /> : null}
      </Box>
    </Drawer>
  );
}
