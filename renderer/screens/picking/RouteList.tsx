import { Box, Typography } from '@mui/material';
import { useEffect, useRef } from 'react';
import { useT } from '../../i18n';
import { unitsLeft, type Walk } from './pick-walk';

/** Every stop of the wave in walking order, the current one kept in view: where the picker is on the route. */
export function RouteList({ walk, current }: { walk: Walk; current: number }) {
  const t = useT();
  const currentRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Braces on purpose: newer engines return a promise from scrollIntoView, and an effect must return a function or nothing.
    void currentRef.current?.scrollIntoView({ block: 'nearest' });
  }, [current]);
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', minHeight: 0, flex: 1 }}>
      <Typography variant="subtitle2" sx={{ mb: 0.5 }}>
        {t('picking.scan.route')}
      </Typography>
      <Box sx={{ overflowY: 'auto', flex: 1, border: 1, borderColor: 'divider', borderRadius: 1 }} data-testid="pick-route">
        {walk.stops.map((s, k) => {
          const p = walk.progress[k]!;
          const state = k === current ? 'current' : unitsLeft(s, p) > 0 ? 'pending' : p.short > 0 ? 'short' : 'done';
          return (
            <Box
              key={s.productId}
              ref={k === current ? currentRef : undefined}
              data-testid="pick-route-row"
              data-state={state}
              sx={{
                display: 'grid',
                gridTemplateColumns: '28px 110px minmax(0, 1fr) 90px',
                gap: 1,
                px: 1,
                py: 0.75,
                alignItems: 'center',
                fontSize: 16,
                borderBottom: 1,
                borderColor: 'divider',
                bgcolor: state === 'current' ? 'rgba(25,118,210,0.12)' : 'transparent',
                color: state === 'done' || state === 'short' ? 'text.secondary' : 'text.primary',
                fontWeight: state === 'current' ? 700 : 400,
              }}
            >
              <span>{state === 'current' ? '▶' : state === 'done' ? '✓' : state === 'short' ? '!' : ''}</span>
              <Box component="span" sx={{ fontFamily: 'ui-monospace, Consolas, monospace', overflow: 'hidden', textOverflow: 'ellipsis' }}>
                {s.binCode ?? '—'}
              </Box>
              <Box component="span" sx={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} title={s.name}>
                {s.sku}
              </Box>
              <Box component="span" sx={{ textAlign: 'right', color: state === 'short' ? 'warning.main' : undefined }}>
                {p.short > 0 ? t('picking.shortShare', { n: p.short }) : `${p.picked}/${s.total}`}
              </Box>
            </Box>
          );
        })}
      </Box>
    </Box>
  );
}
