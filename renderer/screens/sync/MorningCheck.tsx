import { Box, List, ListItem, ListItemText } from '@mui/material';
import type { HealthCheck, HealthSeverity, StockDeviation } from '../../../shared/domain/sync-health';
import { useLocaleStore, useT } from '../../i18n';
import { checkText } from './labels';
import { LateOrdersList } from '../orders/LateOrdersList';

const GLYPH: Record<HealthSeverity, string> = { ok: '✓', warn: '!', error: '✕' };
const COLOR: Record<HealthSeverity, string> = { ok: 'success.main', warn: 'warning.main', error: 'error.main' };

const signed = (n: number): string => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0');

/** The SKUs behind a stock-deviation finding, largest first, so the clerk knows which shelves to count. */
function DeviationList({ check }: { check: HealthCheck }) {
  const t = useT();
  const rows: StockDeviation[] = check.stockDeviations ?? [];
  const more = Number(check.params.count) - rows.length;
  return (
    <Box component="ul" sx={{ m: 0, mt: 0.5, pl: 2.5, color: 'text.secondary', fontSize: 14 }} data-testid="stock-deviations">
      {rows.map((d) => (
        <li key={`${d.productId}-${d.warehouseId}`} data-testid={`stock-deviation-${d.sku}`}>
          {t('sync.check.stock-deviation.item', { sku: d.sku, warehouse: d.warehouseName, units: signed(d.units), corrections: d.corrections, onHand: d.onHand })}
        </li>
      ))}
      {more > 0 ? <li>{t('sync.check.stock-deviation.more', { count: more })}</li> : null}
    </Box>
  );
}

/** The findings, worst first: a coloured mark (with its meaning for screen readers) and one sentence each. */
export function MorningCheck({ checks }: { checks: HealthCheck[] }) {
  const t = useT();
  const locale = useLocaleStore((s) => s.locale);
  return (
    <List dense disablePadding data-testid="morning-check">
      {checks.map((c, i) => (
        <ListItem key={`${c.code}-${i}`} data-code={c.code} data-severity={c.severity} sx={{ alignItems: 'flex-start', px: 0 }}>
          <Box
            role="img"
            aria-label={t(`sync.severity.${c.severity}`)}
            sx={{
              flex: '0 0 auto',
              width: 22,
              height: 22,
              mr: 1.5,
              mt: 0.25,
              borderRadius: '50%',
              bgcolor: COLOR[c.severity],
              color: 'common.white',
              display: 'flex',
              alignItems: 'center',
              justifyContent: 'center',
              fontSize: 13,
              fontWeight: 700,
            }}
          >
            {GLYPH[c.severity]}
          </Box>
          <ListItemText
            primary={checkText(t, locale, c)}
            secondary={
              c.code === 'stock-deviation' ? (
                <DeviationList check={c} />
              ) : c.code === 'ship-by-soon' && c.lateOrders?.length ? (
                <LateOrdersList orders={c.lateOrders} total={Number(c.params.count)} />
              ) : null
            }
            slotProps={{ secondary: { component: 'div' } }}
          />
        </ListItem>
      ))}
    </List>
  );
}
