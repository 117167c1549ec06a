import { Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { useT } from '../../i18n';

const MINUTE = 60_000;

/** Time left to Amazon's latest ship date, refreshed every half minute; red once under four hours or late. */
export function ShipByCountdown({ shipBy, timeZone }: { shipBy: string | null; timeZone: string | null }) {
  const t = useT();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  if (!shipBy) return null;
  const left = Date.parse(shipBy) - now;
  const minutes = Math.floor(Math.abs(left) / MINUTE);
  const span = t('packing.hm', { h: Math.floor(minutes / 60), m: minutes % 60 });
  const local = inZone(shipBy, timeZone);
  const urgent = left < 4 * 60 * MINUTE;
  return (
    <Typography data-testid="packing-ship-by" sx={{ fontSize: 24, fontWeight: 700, color: urgent ? 'error.main' : 'text.primary' }} title={local}>
      {left < 0 ? t('packing.shipBy.late', { span }) : t('packing.shipBy.left', { span })}
      <Typography component="span" sx={{ fontSize: 16, color: 'text.secondary', ml: 1 }}>
        {t('packing.shipBy.at', { time: local })}
      </Typography>
    </Typography>
  );
}

/** The deadline as Seller Central shows it: the marketplace's local time. */
function inZone(iso: string, timeZone: string | null): string {
  try {
    return new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'short', ...(timeZone ? { timeZone } : {}) }).format(new Date(iso));
  } catch {
    return iso;
  }
}
