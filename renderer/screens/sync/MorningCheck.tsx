import { Box, List, ListItem, ListItemText } from '@mui/material';
import type { HealthCheck, HealthSeverity } from '../../../shared/domain/sync-health';
import { useLocaleStore, useT } from '../../i18n';
import { checkText } from './labels';

const GLYPH: Record<HealthSeverity, string> = { ok: '✓', warn: '!', error: '✕' };
const COLOR: Record<HealthSeverity, string> = { ok: 'success.main', warn: 'warning.main', error: 'error.main' };

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
          <ListItemText primary={checkText(t, locale, c)} />
        </ListItem>
      ))}
    </List>
  );
}
