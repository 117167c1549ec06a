import { Alert, Box, Button, Chip, MenuItem, Stack, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { amazonCarriers, validateTracking } from '../../../shared/carriers';
import type { PlanDetail } from '../../../shared/domain/fba-inbound';
import { useT } from '../../i18n';
import { problemHint } from './fba-text';

type Shipment = PlanDetail['shipmentList'][number];

export interface TrackingDraft {
  carrier: string;
  /** Amazon box id → number as typed or scanned. */
  numbers: Record<string, string>;
  freightBill: string;
  billOfLading: string;
}

export const draftOf = (s: Shipment): TrackingDraft => ({
  carrier: s.trackingUpload?.carrier ?? '',
  numbers: Object.fromEntries(s.boxes.map((b) => [b.boxId, b.trackingId ?? ''])),
  freightBill: s.trackingUpload?.freightBillNumber ?? '',
  billOfLading: s.trackingUpload?.billOfLadingNumber ?? '',
});

/** What is wrong with a row before anything is sent: blank, a space inside, the carrier's format, a number another box has. */
export function rowProblem(draft: TrackingDraft, boxId: string): 'missing' | 'format' | 'carrier-format' | 'shared' | null {
  const n = (draft.numbers[boxId] ?? '').trim();
  if (n === '') return 'missing';
  if (/\s/.test(n) || n.length > 64) return 'format';
  if (draft.carrier && validateTracking(draft.carrier, n) === 'format') return 'carrier-format';
  if (Object.entries(draft.numbers).some(([id, other]) => id !== boxId && other.trim() === n)) return 'shared';
  return null;
}

const STATE_COLOR = { pending: 'default', 'in-flight': 'default', done: 'success', failed: 'error' } as const;

/**
 * Tracking for one own-carrier shipment. Small parcel: one number per Amazon box (typed, or scanned — a scanner burst
 * fills the next empty row, see ShipmentsPanel); freight: the freight bill number (the forwarder's one master number)
 * and the bill of lading. Amazon's answer to the upload shows here, its problems on the boxes they name.
 */
export function ShipmentTracking({ shipment: s, draft, onChange, onUpload, busy, active }: { shipment: Shipment; draft: TrackingDraft; onChange: (d: TrackingDraft) => void; onUpload: () => void; busy: boolean; active: boolean }) {
  const t = useT();
  const upload = s.trackingUpload;
  const editable = s.trackingEditable;
  const carriers = amazonCarriers.filter((c) => c.code !== 'Other');
  const spd = s.trackingMode !== 'ltl';
  const ready = spd ? s.boxes.length > 0 && s.boxes.every((b) => rowProblem(draft, b.boxId) === null) : draft.freightBill.trim() !== '';

  return (
    <Box sx={{ mt: 1.5, p: 1.5, borderRadius: 1, bgcolor: active ? 'action.hover' : undefined }} data-testid="tracking" data-state={upload?.state ?? 'none'} data-active={active}>
      <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}>
        <Typography variant="subtitle2">{t(spd ? 'fba.tracking.titleSpd' : 'fba.tracking.titleLtl')}</Typography>
        {upload ? <Chip size="small" color={STATE_COLOR[upload.state]} label={t(`fba.tracking.state.${upload.state}`)} data-testid="tracking-state" /> : null}
        <TextField
          select
          size="small"
          label={t('fba.tracking.carrier')}
          value={draft.carrier}
          onChange={(e) => onChange({ ...draft, carrier: e.target.value })}
          disabled={!editable}
          sx={{ minWidth: 200 }}
          slotProps={{ htmlInput: { 'data-testid': 'tracking-carrier' } }}
        >
          <MenuItem value="">{t('fba.tracking.carrierAny')}</MenuItem>
          {carriers.map((c) => (
            <MenuItem key={c.code} value={c.code}>
              {c.name}
            </MenuItem>
          ))}
        </TextField>
      </Stack>
      {spd ? (
        <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 0.5 }}>
          {t(editable ? 'fba.tracking.spdHint' : 'fba.tracking.locked')}
        </Typography>
      ) : null}
      {upload && upload.problems.length > 0 ? (
        <Alert severity="error" sx={{ mt: 1 }} data-testid="tracking-problems">
          {upload.problems.map((p, i) => (
            <div key={i}>
              <b>{p.code}</b>: {p.message} {problemHint(t, p) ?? ''}
            </div>
          ))}
        </Alert>
      ) : null}
      {spd ? (
        <Table size="small" sx={{ mt: 1 }}>
          <TableHead>
            <TableRow>
              <TableCell>{t('fba.tracking.box')}</TableCell>
              <TableCell>{t('fba.tracking.boxId')}</TableCell>
              <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                {t('fba.tracking.units')}
              </TableCell>
              <TableCell sx={{ minWidth: 240 }}>{t('fba.tracking.number')}</TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{t('fba.tracking.amazonStatus')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {s.boxes.map((b) => {
              const problem = editable && (draft.numbers[b.boxId] ?? '') !== '' ? rowProblem(draft, b.boxId) : null;
              const amazonProblem = b.problems[0];
              return (
                <TableRow key={b.boxId} data-testid={`tracking-row-${b.index}`} data-box-id={b.boxId}>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{t('fba.tracking.boxOf', { n: b.index, m: s.boxes.length, packed: b.planBoxNumber })}</TableCell>
                  <TableCell sx={{ fontFamily: 'monospace' }}>{b.boxId}</TableCell>
                  <TableCell align="right">{b.units}</TableCell>
                  <TableCell>
                    <TextField
                      size="small"
                      fullWidth
                      value={draft.numbers[b.boxId] ?? ''}
                      onChange={(e) => onChange({ ...draft, numbers: { ...draft.numbers, [b.boxId]: e.target.value } })}
                      disabled={!editable}
                      error={!!problem || !!amazonProblem}
                      helperText={problem ? t(`fba.tracking.row.${problem}`) : amazonProblem ? `${amazonProblem.code}: ${amazonProblem.message}` : ' '}
                      slotProps={{ htmlInput: { 'data-testid': 'tracking-input', spellCheck: false, style: { fontFamily: 'monospace' } }, formHelperText: { 'data-testid': 'tracking-row-help' } as object }}
                    />
                  </TableCell>
                  <TableCell data-testid="tracking-amazon-status" sx={{ whiteSpace: 'nowrap' }}>{b.trackingStatus ? t(`fba.tracking.validation.${b.trackingStatus === 'VALIDATED' ? 'ok' : b.trackingStatus === 'NOT_SUPPORTED' ? 'unknown' : 'pending'}`) : '—'}</TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      ) : (
        <Stack direction="row" spacing={1.5} sx={{ mt: 1 }}>
          <TextField
            size="small"
            label={t('fba.tracking.freightBill')}
            helperText={t('fba.tracking.freightBillHint')}
            value={draft.freightBill}
            onChange={(e) => onChange({ ...draft, freightBill: e.target.value })}
            disabled={!editable}
            slotProps={{ htmlInput: { 'data-testid': 'tracking-freight-bill' } }}
          />
          <TextField
            size="small"
            label={t('fba.tracking.billOfLading')}
            value={draft.billOfLading}
            onChange={(e) => onChange({ ...draft, billOfLading: e.target.value })}
            disabled={!editable}
            slotProps={{ htmlInput: { 'data-testid': 'tracking-bol' } }}
          />
        </Stack>
      )}
      {editable ? (
        <Button sx={{ mt: 1 }} variant="contained" disabled={!ready || busy} onClick={onUpload} data-testid="tracking-upload">
          {t(upload?.state === 'done' || upload?.state === 'failed' ? 'fba.tracking.uploadAgain' : 'fba.tracking.upload')}
        </Button>
      ) : null}
    </Box>
  );
}
