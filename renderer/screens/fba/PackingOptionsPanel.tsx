import { Button, Card, CardActions, CardContent, Chip, Stack, Typography } from '@mui/material';
import type { PlanDetail } from '../../../shared/domain/fba-inbound';
import { api } from '../../api/client';
import { formatDateTime, useLocaleStore, useT } from '../../i18n';
import { formatMoney } from '../purchasing/format';
import { useFbaStore } from './fba.store';

/** Amazon's ways to group the items into boxes; most plans get one option with one packing group. */
export function PackingOptionsPanel({ plan }: { plan: PlanDetail }) {
  const t = useT();
  const locale = useLocaleStore((s) => s.locale);
  const { act, busy } = useFbaStore();
  const choose = (id: string) => void act(() => api.fbaChoosePacking({ planId: plan.id, packingOptionId: id }));
  return (
    <Stack spacing={1.5} data-testid="fba-packing-options">
      <Typography variant="subtitle1">{t('fba.packing.title')}</Typography>
      <Stack direction="row" spacing={2} sx={{ flexWrap: 'wrap', rowGap: 2 }}>
        {plan.packingOptions.map((o, i) => (
          <Card key={o.id} variant="outlined" sx={{ width: 260, borderColor: plan.packingOptionId === o.id ? 'primary.main' : undefined }} data-testid="packing-option">
            <CardContent>
              <Typography variant="subtitle2">{t('fba.packing.option', { n: i + 1 })}</Typography>
              <Typography variant="body2">{t('fba.packing.groups', { n: o.packingGroups.length })}</Typography>
              <Typography variant="body2">{o.fee ? formatMoney(locale, o.fee.minor, o.fee.currency) : t('fba.noFee')}</Typography>
              {o.expiration ? (
                <Typography variant="caption" color="text.secondary">
                  {t('fba.expires', { time: formatDateTime(locale, o.expiration) })}
                </Typography>
              ) : null}
              {plan.packingOptionId === o.id ? <Chip size="small" color="primary" label={t('fba.chosen')} sx={{ ml: 1 }} /> : null}
            </CardContent>
            <CardActions>
              <Button variant="contained" size="small" disabled={busy} onClick={() => choose(o.id)} data-testid="packing-option-choose">
                {t('fba.choose')}
              </Button>
            </CardActions>
          </Card>
        ))}
      </Stack>
    </Stack>
  );
}
