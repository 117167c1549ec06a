import { Box, Button, Card, CardActions, CardContent, Chip, Stack, Typography } from '@mui/material';
import type { PlanDetail } from '../../../shared/domain/fba-inbound';
import { api } from '../../api/client';
import { formatDateTime, useLocaleStore, useT } from '../../i18n';
import { formatMoney } from '../purchasing/format';
import { useFbaStore } from './fba.store';
import { bestOptions, byDecision, netFeeMinor } from './placement-compare';

/**
 * Amazon's placement options side by side: the fee (after discount) and the number of shipments decide, so both are
 * large, and the cheapest and the fewest-shipments options are marked.
 */
export function PlacementPanel({ plan }: { plan: PlanDetail }) {
  const t = useT();
  const locale = useLocaleStore((s) => s.locale);
  const { act, busy } = useFbaStore();
  const options = [...plan.placementOptions].sort(byDecision);
  const best = bestOptions(options);
  const currency = options.find((o) => o.fee)?.fee?.currency ?? options.find((o) => o.discount)?.discount?.currency ?? 'USD';
  const choose = (id: string) => void act(() => api.fbaChoosePlacement({ planId: plan.id, placementOptionId: id }));

  return (
    <Stack spacing={1.5} data-testid="fba-placement">
      <Typography variant="subtitle1">{t('fba.placement.title')}</Typography>
      <Typography variant="body2" color="text.secondary">
        {t('fba.placement.help')}
      </Typography>
      <Box sx={{ display: 'grid', gridTemplateColumns: `repeat(${Math.max(1, options.length)}, minmax(220px, 1fr))`, gap: 2, overflowX: 'auto' }}>
        {options.map((o) => {
          const cheapest = best.cheapest.has(o.id);
          const fewest = best.fewest.has(o.id);
          const chosen = plan.placementOptionId === o.id;
          return (
            <Card
              key={o.id}
              variant="outlined"
              sx={{ borderWidth: cheapest || fewest ? 2 : 1, borderColor: chosen ? 'primary.main' : cheapest ? 'success.main' : fewest ? 'info.main' : undefined, display: 'flex', flexDirection: 'column' }}
              data-testid="placement-option"
              data-option-id={o.id}
              data-cheapest={cheapest}
              data-fewest={fewest}
            >
              <CardContent sx={{ flex: 1 }}>
                <Stack direction="row" spacing={0.5} sx={{ minHeight: 26, mb: 1, flexWrap: 'wrap' }}>
                  {cheapest ? <Chip size="small" color="success" label={t('fba.placement.cheapest')} data-testid="placement-cheapest" /> : null}
                  {fewest ? <Chip size="small" color="info" label={t('fba.placement.fewest')} data-testid="placement-fewest" /> : null}
                  {chosen ? <Chip size="small" color="primary" label={t('fba.chosen')} /> : null}
                </Stack>
                <Typography variant="caption" color="text.secondary">
                  {t('fba.placement.fee')}
                </Typography>
                <Typography variant="h5" data-testid="placement-fee" sx={{ fontVariantNumeric: 'tabular-nums' }}>
                  {formatMoney(locale, netFeeMinor(o), o.fee?.currency ?? currency)}
                </Typography>
                {o.discount && o.discount.minor > 0 ? (
                  <Typography variant="body2" color="success.main">
                    {t('fba.placement.discount', { amount: formatMoney(locale, o.discount.minor, o.discount.currency) })}
                  </Typography>
                ) : null}
                <Typography variant="caption" color="text.secondary" component="div" sx={{ mt: 1 }}>
                  {t('fba.placement.shipments')}
                </Typography>
                <Typography variant="h5" data-testid="placement-shipments">
                  {o.shipmentCount}
                </Typography>
                {o.expiration ? (
                  <Typography variant="caption" color="text.secondary" component="div" sx={{ mt: 1 }}>
                    {t('fba.expires', { time: formatDateTime(locale, o.expiration) })}
                  </Typography>
                ) : null}
              </CardContent>
              <CardActions>
                <Button fullWidth variant={cheapest ? 'contained' : 'outlined'} disabled={busy} onClick={() => choose(o.id)} data-testid="placement-choose">
                  {t('fba.placement.choose')}
                </Button>
              </CardActions>
            </Card>
          );
        })}
      </Box>
    </Stack>
  );
}
