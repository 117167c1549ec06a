import { Chip, Stack, Typography } from '@mui/material';
import type { Wave } from '../../../shared/ipc/channels/picking';
import { VirtualTable, type Column } from '../../components/VirtualTable';
import { formatDateTime, useLocaleStore, useT } from '../../i18n';

const STATUS_COLOR = { open: 'primary', picked: 'success', closed: 'default' } as const;

interface Props {
  waves: readonly Wave[];
  selected: number | null;
  onSelect(id: number): void;
}

export function WavesTable({ waves, selected, onSelect }: Props) {
  const t = useT();
  const locale = useLocaleStore((s) => s.locale);
  const columns: Column<Wave>[] = [
    { key: 'number', width: 130, grow: true, header: t('picking.col.number'), render: (w) => w.number, testId: 'wave-number' },
    {
      key: 'status',
      width: 125,
      header: t('picking.col.status'),
      render: (w) => (
        <Stack direction="row" spacing={0.5}>
          <Chip size="small" color={STATUS_COLOR[w.status]} label={t(`picking.status.${w.status}`)} data-testid="wave-status" data-status={w.status} />
          {w.shortUnits > 0 ? <Chip size="small" color="warning" variant="outlined" label={t('picking.shortUnits', { n: w.shortUnits })} data-testid="wave-short" /> : null}
        </Stack>
      ),
    },
    { key: 'orders', width: 60, numeric: true, header: t('picking.col.orders'), render: (w) => w.orders, testId: 'wave-orders' },
    { key: 'created', width: 130, header: t('picking.col.created'), render: (w) => formatDateTime(locale, w.createdAt) },
  ];
  return (
    <VirtualTable
      rows={waves}
      columns={columns}
      rowKey={(w) => w.id}
      rowTestId={(w) => `wave-row-${w.number}`}
      isSelected={(w) => w.id === selected}
      onRowClick={(w) => onSelect(w.id)}
      empty={<Typography data-testid="picking-no-waves">{t('picking.noWaves')}</Typography>}
      testId="waves-table"
    />
  );
}
