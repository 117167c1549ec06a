import { Alert, Box, Button, Chip, Collapse, MenuItem, Paper, Stack, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useCallback, useEffect, useState } from 'react';
import type { Bin, Warehouse } from '../../../shared/domain/inventory';
import { api, ApiError } from '../../api/client';
import { useT, type MessageKey } from '../../i18n';
import { describeError } from '../../i18n/describe-error';

const asApiError = (err: unknown) => (err instanceof ApiError ? err : new ApiError('internal'));

/** The bins of one warehouse in walking order, and a line to add one (a pick list follows this order). */
function BinsEditor({ warehouse }: { warehouse: Warehouse }) {
  const t = useT();
  const [bins, setBins] = useState<Bin[] | null>(null);
  const [code, setCode] = useState('');
  const [order, setOrder] = useState('');
  const [error, setError] = useState<ApiError | null>(null);

  const load = useCallback(() => api.warehouseBins(warehouse.id).then(setBins, (err: unknown) => setError(asApiError(err))), [warehouse.id]);
  useEffect(() => void load(), [load]);

  const pickOrder = /^\d{1,7}$/.test(order.trim()) ? Number(order.trim()) : NaN;
  async function add() {
    try {
      await api.warehouseCreateBin({ warehouseId: warehouse.id, code: code.trim(), pickOrder });
      setCode('');
      setOrder('');
      setError(null);
      await load();
    } catch (err) {
      setError(asApiError(err));
    }
  }

  return (
    <Box sx={{ pl: 2, py: 1 }} data-testid={`bins-${warehouse.code}`}>
      {bins && bins.length > 0 ? (
        <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 1, mb: 1 }}>
          {bins.map((b) => (
            <Chip key={b.id} size="small" label={`${b.pickOrder} · ${b.code}`} />
          ))}
        </Stack>
      ) : (
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {t('warehouses.noBins')}
        </Typography>
      )}
      <Stack direction="row" spacing={1} component="form" onSubmit={(e) => (e.preventDefault(), void add())} sx={{ alignItems: 'flex-start' }}>
        <TextField size="small" label={t('warehouses.binCode')} value={code} onChange={(e) => setCode(e.target.value)} slotProps={{ htmlInput: { 'data-testid': 'bin-code' } }} />
        <TextField size="small" label={t('warehouses.pickOrder')} value={order} onChange={(e) => setOrder(e.target.value)} sx={{ width: 120 }} slotProps={{ htmlInput: { inputMode: 'numeric', 'data-testid': 'bin-order' } }} />
        <Button type="submit" variant="outlined" disabled={!code.trim() || !Number.isInteger(pickOrder)} data-testid="bin-add">
          {t('warehouses.addBin')}
        </Button>
      </Stack>
      {error ? <Alert severity="error" sx={{ mt: 1 }}>{describeError(t, error)}</Alert> : null}
    </Box>
  );
}

/** 仓库管理: the seller's own places (domestic, overseas 3PL); FBA places appear by themselves with the stores. */
export function WarehousesPanel() {
  const t = useT();
  const [list, setList] = useState<Warehouse[] | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [kind, setKind] = useState<'domestic' | 'overseas'>('domestic');
  const [error, setError] = useState<ApiError | null>(null);

  const load = useCallback(() => api.warehouses(true).then(setList, (err: unknown) => setError(asApiError(err))), []);
  useEffect(() => void load(), [load]);

  async function run(action: () => Promise<unknown>) {
    try {
      await action();
      setError(null);
      await load();
    } catch (err) {
      setError(asApiError(err));
    }
  }

  return (
    <Paper sx={{ p: 2 }}>
      <Typography variant="h6" component="h2" gutterBottom>
        {t('warehouses.title')}
      </Typography>
      <Table size="small" data-testid="warehouses-table">
        <TableHead>
          <TableRow>
            <TableCell>{t('warehouses.code')}</TableCell>
            <TableCell>{t('warehouses.name')}</TableCell>
            <TableCell>{t('warehouses.kind')}</TableCell>
            <TableCell align="right" />
          </TableRow>
        </TableHead>
        <TableBody>
          {(list ?? []).map((w) => (
            <TableRow key={w.id} data-testid={`warehouse-${w.code}`} sx={{ '& td': { verticalAlign: 'top' }, opacity: w.archivedAt ? 0.5 : 1 }}>
              <TableCell sx={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>{w.code}</TableCell>
              <TableCell>
                {w.name}
                <Collapse in={open === w.id} unmountOnExit>
                  <BinsEditor warehouse={w} />
                </Collapse>
              </TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>
                {t(`inventory.warehouseKind.${w.kind}` as MessageKey)}
                {w.archivedAt ? <Chip size="small" label={t('warehouses.archived')} sx={{ ml: 1 }} /> : null}
              </TableCell>
              <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                {w.kind !== 'fba' && !w.archivedAt ? (
                  <>
                    <Button size="small" onClick={() => setOpen(open === w.id ? null : w.id)} data-testid="warehouse-bins">
                      {t('warehouses.bins')}
                    </Button>
                    <Button size="small" color="warning" onClick={() => void run(() => api.warehouseArchive(w.id))} data-testid="warehouse-archive">
                      {t('warehouses.archive')}
                    </Button>
                  </>
                ) : null}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Stack
        direction="row"
        spacing={1}
        sx={{ mt: 2, alignItems: 'flex-start' }}
        component="form"
        onSubmit={(e) =>
          (e.preventDefault(),
          void run(async () => {
            await api.warehouseCreate({ code: code.trim(), name: name.trim(), kind });
            setCode('');
            setName('');
          }))
        }
      >
        <TextField size="small" label={t('warehouses.code')} value={code} onChange={(e) => setCode(e.target.value)} helperText={t('warehouses.codeHelp')} slotProps={{ htmlInput: { 'data-testid': 'warehouse-code' } }} />
        <TextField size="small" label={t('warehouses.name')} value={name} onChange={(e) => setName(e.target.value)} slotProps={{ htmlInput: { 'data-testid': 'warehouse-name' } }} />
        <TextField select size="small" label={t('warehouses.kind')} value={kind} onChange={(e) => setKind(e.target.value as 'domestic' | 'overseas')} sx={{ width: 140 }} slotProps={{ select: { inputProps: { 'data-testid': 'warehouse-kind' } } }}>
          <MenuItem value="domestic">{t('inventory.warehouseKind.domestic')}</MenuItem>
          <MenuItem value="overseas">{t('inventory.warehouseKind.overseas')}</MenuItem>
        </TextField>
        <Button type="submit" variant="contained" disabled={!code.trim() || !name.trim()} data-testid="warehouse-add">
          {t('warehouses.add')}
        </Button>
      </Stack>
      {error ? <Alert severity="error" sx={{ mt: 1 }} data-testid="warehouses-error">{describeError(t, error)}</Alert> : null}
    </Paper>
  );
}
