import { Box, LinearProgress, Typography } from '@mui/material';
import { memo } from 'react';
import type { PackingLine, PackingOrder } from '../../../shared/ipc/channels/packing';
import { useT } from '../../i18n';

/** Expected against scanned, per line, in type a clerk reads from a metre away; a finished line turns green. */
export function PackingLines({ order, counts, lastProductId }: { order: PackingOrder; counts: ReadonlyMap<number, number>; lastProductId: number | null }) {
  // A product on two order lines fills them in order: the first line's units first.
  const left = new Map(counts);
  return (
    <Box data-testid="packing-lines" sx={{ display: 'flex', flexDirection: 'column', gap: 1, overflow: 'auto', minHeight: 0 }}>
      {order.lines.map((l) => {
        const have = Math.min(l.quantity, left.get(l.productId) ?? 0);
        left.set(l.productId, (left.get(l.productId) ?? 0) - have);
        return <LineRow key={`${l.orderItemId}-${l.productId}`} line={l} have={have} current={lastProductId === l.productId} />;
      })}
    </Box>
  );
}

/** One line; memoised so a scan re-renders only the line it changed (orders of a hundred lines stay instant). */
const LineRow = memo(function LineRow({ line: l, have, current }: { line: PackingLine; have: number; current: boolean }) {
  const t = useT();
  const done = have === l.quantity;
  const gtin = l.codes.find((c) => c.kind === 'gtin' || c.kind === 'fnsku');
  return (
    <Box
      data-testid={`packing-line-${l.sku}`}
      data-done={done}
      sx={{
        display: 'grid',
        gridTemplateColumns: 'minmax(0, 1fr) 150px',
        alignItems: 'center',
        gap: 2,
        px: 2,
        py: 1.5,
        borderRadius: 1,
        border: 2,
        borderColor: done ? 'success.main' : current ? 'primary.main' : 'divider',
        bgcolor: done ? 'rgba(46,125,50,0.08)' : 'background.paper',
      }}
    >
      <Box sx={{ minWidth: 0 }}>
        <Typography sx={{ fontSize: 26, fontWeight: 700, fontFamily: 'ui-monospace, Consolas, monospace' }} noWrap>
          {l.sku}
        </Typography>
        <Typography sx={{ fontSize: 18, color: 'text.secondary' }} noWrap title={l.name}>
          {l.name}
        </Typography>
        {gtin ? <Typography sx={{ fontSize: 14, color: 'text.secondary', fontFamily: 'ui-monospace, Consolas, monospace' }}>{gtin.code}</Typography> : null}
        <LinearProgress variant="determinate" value={(have / l.quantity) * 100} color={done ? 'success' : 'primary'} sx={{ mt: 1, height: 8, borderRadius: 4 }} />
      </Box>
      <Box sx={{ textAlign: 'right' }}>
        <Typography data-testid="line-count" sx={{ fontSize: 44, fontWeight: 800, lineHeight: 1.1, fontVariantNumeric: 'tabular-nums', color: done ? 'success.main' : 'text.primary' }}>
          {have}
          <Typography component="span" sx={{ fontSize: 28, color: 'text.secondary' }}>
            {' '}/ {l.quantity}
          </Typography>
        </Typography>
        <Typography sx={{ fontSize: 14, color: 'text.secondary' }}>{done ? t('packing.line.done') : t('packing.line.scanned')}</Typography>
      </Box>
    </Box>
  );
});
