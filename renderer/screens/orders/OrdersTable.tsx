import { Box, Checkbox, Typography } from '@mui/material';
import type { OrderListRow } from '../../../shared/ipc/channels/orders-list';
import { formatInZone } from '../../../shared/marketplace-time';
import { formatDateTime, useLocaleStore, useT } from '../../i18n';
import { formatMoney } from '../purchasing/format';
import { VirtualTable, type Column } from '../../components/VirtualTable';
import { deadlineText, URGENCY_COLOR } from './countdown';
import { exceptionLabel, OrderStateChip } from './labels';

interface Props {
  rows: readonly OrderListRow[];
  total: number;
  now: Date;
  selected: string | null;
  domainOf(marketplaceId: string): string;
  onOpen(id: string): void;
  onNearEnd(): void;
  empty: string;
  /** Ticks for batch shipping; only rows `canCheck` accepts (packed orders) get a box. */
  selection?: RowSelection;
}

export interface RowSelection {
  checked: ReadonlySet<string>;
  canCheck(row: OrderListRow): boolean;
  onToggle(id: string): void;
  /** Ticks every tickable loaded row, or clears them all when they are all ticked. */
  onToggleAll(): void;
}

/** Month/day and 24-hour time in the viewer's zone: the order time is for orientation, the deadline has its own zone. */
const shortDateTime = (locale: string, iso: string) =>
  new Intl.DateTimeFormat(locale, { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));

const muted = (text: string) => (
  <Box component="span" sx={{ color: 'text.disabled' }}>
    {text}
  </Box>
);

/** The countdown a clerk acts on: the tracking upload once shipped here, else the ship-by date while the clock runs. */
function TimeLeftCell({ row, now }: { row: OrderListRow; now: Date }) {
  const t = useT();
  if (row.trackingDueBy) {
    const d = deadlineText(t, row.trackingDueBy, now);
    return (
      <Box component="span" sx={{ color: URGENCY_COLOR[d.urgency], fontWeight: d.urgency === 'ok' ? 400 : 600 }} data-urgency={d.urgency}>
        {t('orders.tracking', { left: d.text })}
      </Box>
    );
  }
  if (row.fulfilledBy === 'AMAZON') return muted(t('orders.chip.fba'));
  if (!row.awaitingShipment || !row.shipByLatest) return muted('—');
  const d = deadlineText(t, row.shipByLatest, now);
  return (
    <Box component="span" sx={{ color: URGENCY_COLOR[d.urgency], fontWeight: d.urgency === 'ok' ? 400 : 600 }} data-urgency={d.urgency}>
      {d.text}
    </Box>
  );
}

/** A tick box per packed order; clicking it never opens the drawer the row click opens. */
function selectColumn(selection: RowSelection, rows: readonly OrderListRow[], t: ReturnType<typeof useT>): Column<OrderListRow> {
  const tickable = rows.filter((r) => selection.canCheck(r));
  const ticked = tickable.filter((r) => selection.checked.has(r.id)).length;
  return {
    key: 'select',
    width: 44,
    align: 'center',
    header: (
      <Checkbox
        size="small"
        checked={tickable.length > 0 && ticked === tickable.length}
        indeterminate={ticked > 0 && ticked < tickable.length}
        disabled={tickable.length === 0}
        onChange={() => selection.onToggleAll()}
        slotProps={{ input: { 'aria-label': t('shipping.selectAll') } }}
        data-testid="orders-select-all"
      />
    ),
    render: (r) =>
      selection.canCheck(r) ? (
        <Checkbox
          size="small"
          checked={selection.checked.has(r.id)}
          onClick={(e) => e.stopPropagation()}
          onChange={() => selection.onToggle(r.id)}
          slotProps={{ input: { 'aria-label': t('shipping.selectRow', { id: r.id }) } }}
          data-testid="order-select"
        />
      ) : null,
  };
}

/** One line per order, soonest ship-by first; no buyer data (lists never show PII). */
export function OrdersTable({ rows, total, now, selected, domainOf, onOpen, onNearEnd, empty, selection }: Props) {
  const t = useT();
  const locale = useLocaleStore((s) => s.locale);
  const columns: Column<OrderListRow>[] = [
    {
      key: 'id',
      width: 168,
      header: t('orders.col.id'),
      testId: 'order-id',
      render: (r) => <Box component="span" sx={{ fontFamily: 'monospace', fontSize: 13 }}>{r.id}</Box>,
      title: (r) => `${t('orders.col.created')} ${shortDateTime(locale, r.createdAt)}`,
    },
    {
      key: 'marketplace',
      width: 112,
      header: t('orders.col.marketplace'),
      render: (r) => domainOf(r.marketplaceId),
      title: (r) => `${r.storeName} · ${domainOf(r.marketplaceId)}`,
    },
    { key: 'state', width: 92, header: t('orders.col.state'), render: (r) => <OrderStateChip row={r} /> },
    {
      key: 'item',
      width: 190,
      grow: true,
      header: t('orders.col.item'),
      render: (r) => (
        <>
          <Box component="span" sx={{ fontFamily: 'monospace', fontSize: 13 }}>
            {r.firstSku ?? r.firstAsin ?? '—'}
          </Box>
          {r.lineCount > 1 ? <Box component="span" sx={{ color: 'text.secondary', ml: 0.75, fontSize: 12 }}>{t('orders.moreLines', { n: r.lineCount - 1 })}</Box> : null}
          {r.firstTitle ? <Box component="span" sx={{ color: 'text.secondary', ml: 1, fontSize: 13 }}>{r.firstTitle}</Box> : null}
        </>
      ),
      title: (r) => [r.firstSku, r.firstAsin, r.firstTitle].filter(Boolean).join(' · '),
    },
    { key: 'units', width: 48, numeric: true, header: t('orders.col.units'), render: (r) => r.unitCount },
    { key: 'total', width: 100, numeric: true, header: t('orders.col.total'), render: (r) => (r.totalMinor !== null && r.currency ? formatMoney(locale, r.totalMinor, r.currency) : muted('—')) },
    {
      key: 'shipBy',
      width: 150,
      header: t('orders.col.shipBy'),
      testId: 'order-ship-by',
      render: (r) => (r.shipByLatest ? formatInZone(r.shipByLatest, r.timeZone, locale) : muted('—')),
      title: (r) =>
        r.shipByLatest ? t('orders.shipBy.tip', { time: formatInZone(r.shipByLatest, r.timeZone, locale), zone: r.timeZone, local: formatDateTime(locale, r.shipByLatest) }) : undefined,
    },
    {
      key: 'left',
      width: 150,
      header: t('orders.col.left'),
      testId: 'order-left',
      render: (r) => <TimeLeftCell row={r} now={now} />,
      title: (r) => (r.trackingDueBy ? t('orders.tracking.tip', { time: formatInZone(r.trackingDueBy, r.timeZone, locale) }) : undefined),
    },
    {
      key: 'exceptions',
      width: 116,
      header: t('orders.col.exceptions'),
      testId: 'order-exceptions',
      render: (r) => (r.exceptionCodes.length ? <Box component="span" sx={{ color: 'error.main' }}>{r.exceptionCodes.map((c) => exceptionLabel(t, c)).join('、')}</Box> : null),
    },
  ];
  if (selection) columns.unshift(selectColumn(selection, rows, t));
  return (
    <VirtualTable
      rows={rows}
      columns={columns}
      rowKey={(r) => r.id}
      rowTestId={(r) => `order-row-${r.id}`}
      isSelected={(r) => r.id === selected}
      onRowClick={(r) => onOpen(r.id)}
      hasMore={rows.length < total}
      onNearEnd={onNearEnd}
      empty={<Typography color="text.secondary">{empty}</Typography>}
      testId="orders-table"
    />
  );
}
