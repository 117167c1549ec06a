import { Alert, Box, Button, Chip, Dialog, DialogActions, DialogContent, DialogTitle, LinearProgress, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, useState } from 'react';
import type { ImportError, ImportMode, ImportPreview, ImportResult } from '../../../shared/domain/catalog';
import { api, ApiError } from '../../api/client';
import { dictionaries, useT, type MessageKey } from '../../i18n';
import { describeCatalogError, describeImportError } from './catalog-errors';
import { toBase64 } from './files';

/** The contract takes 20 MB of base64, i.e. 15 MB of file. */
const MAX_FILE_BYTES = 15 * 1024 * 1024;
const ERROR_ROW = 36;

type Phase =
  | { step: 'pick' }
  | { step: 'reading'; name: string }
  | { step: 'preview'; file: { name: string; base64: string }; preview: ImportPreview }
  | { step: 'importing'; file: { name: string; base64: string }; preview: ImportPreview }
  | { step: 'done'; result: ImportResult };

/** Errors by line, virtualized: a wrong file can yield thousands. */
function ErrorTable({ errors }: { errors: ImportError[] }) {
  const t = useT();
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: errors.length, getScrollElement: () => scroller.current, estimateSize: () => ERROR_ROW, overscan: 10 });
  const columns = '64px 140px 1fr';
  const cell = { px: 1, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' } as const;
  return (
    <Box sx={{ border: 1, borderColor: 'error.light', borderRadius: 1 }} data-testid="import-errors">
      <Box sx={{ display: 'grid', gridTemplateColumns: columns, alignItems: 'center', height: ERROR_ROW, fontWeight: 600, fontSize: 14, borderBottom: 1, borderColor: 'divider', pr: '12px' }}>
        <Box sx={cell}>{t('catalog.import.col.line')}</Box>
        <Box sx={cell}>{t('catalog.import.col.column')}</Box>
        <Box sx={cell}>{t('catalog.import.col.message')}</Box>
      </Box>
      <Box ref={scroller} sx={{ maxHeight: ERROR_ROW * 6, overflow: 'auto' }}>
        <Box sx={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const e = errors[item.index]!;
            const message = describeImportError(t, e);
            return (
              <Box
                key={item.key}
                data-testid="import-error"
                data-line={e.line}
                sx={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${item.start}px)`, height: ERROR_ROW, display: 'grid', gridTemplateColumns: columns, alignItems: 'center', fontSize: 14, borderBottom: 1, borderColor: 'divider' }}
              >
                <Box sx={{ ...cell, fontVariantNumeric: 'tabular-nums' }} data-testid="import-error-line">
                  {e.line}
                </Box>
                <Box sx={cell} title={e.column}>
                  {e.column ?? '—'}
                </Box>
                <Box sx={cell} title={message} data-testid="import-error-message">
                  {message}
                </Box>
              </Box>
            );
          })}
        </Box>
      </Box>
    </Box>
  );
}

function Figure({ label, value, testId, color }: { label: string; value: string | number; testId: string; color?: string }) {
  return (
    <Box>
      <Typography variant="caption" color="text.secondary" component="div">
        {label}
      </Typography>
      <Typography variant="body1" sx={{ fontWeight: 600, color }} data-testid={testId}>
        {value}
      </Typography>
    </Box>
  );
}

const encodingKey = (encoding: string): MessageKey | null => {
  const key = `catalog.encoding.${encoding}`;
  return Object.hasOwn(dictionaries['zh-CN'], key) ? (key as MessageKey) : null;
};

/** Pick → preview (format, encoding, counts, errors by line, what will change) → import all or only the valid rows. */
export function ImportDialog({ onClose, onImported }: { onClose(): void; onImported(): void }) {
  const t = useT();
  const input = useRef<HTMLInputElement>(null);
  const [phase, setPhase] = useState<Phase>({ step: 'pick' });
  const [error, setError] = useState<string | null>(null);

  async function read(file: File) {
    setError(null);
    if (file.size > MAX_FILE_BYTES) {
      setError(t('catalog.import.tooLarge'));
      setPhase({ step: 'pick' });
      return;
    }
    setPhase({ step: 'reading', name: file.name });
    try {
      const payload = { name: file.name, base64: toBase64(await file.arrayBuffer()) };
      setPhase({ step: 'preview', file: payload, preview: await api.catalogImportPreview(payload) });
    } catch (err) {
      setError(describeCatalogError(t, err instanceof ApiError ? err : new ApiError('internal')));
      setPhase({ step: 'pick' });
    }
  }

  async function commit(mode: ImportMode) {
    if (phase.step !== 'preview') return;
    setError(null);
    setPhase({ ...phase, step: 'importing' });
    try {
      const result = await api.catalogImportCommit({ ...phase.file, mode });
      setPhase({ step: 'done', result });
      onImported();
    } catch (err) {
      setError(describeCatalogError(t, err instanceof ApiError ? err : new ApiError('internal')));
      setPhase({ ...phase, step: 'preview' });
    }
  }

  const preview = phase.step === 'preview' || phase.step === 'importing' ? phase : null;
  const errors = preview?.preview.errors ?? [];
  const busy = phase.step === 'reading' || phase.step === 'importing';
  const encoding = preview ? encodingKey(preview.preview.encoding) : null;
  const encodingLabel = encoding ? t(encoding) : (preview?.preview.encoding ?? '');
  const pickButton = (
    <Button variant={preview ? 'text' : 'contained'} onClick={() => input.current?.click()} disabled={busy} data-testid="import-pick">
      {preview ? t('catalog.import.pickAnother') : t('catalog.import.pick')}
    </Button>
  );

  return (
    <Dialog open onClose={busy ? undefined : onClose} maxWidth="md" fullWidth aria-labelledby="import-title" data-testid="import-dialog">
      <DialogTitle id="import-title">{t('catalog.import.title')}</DialogTitle>
      <DialogContent>
        <input
          ref={input}
          type="file"
          hidden
          accept=".csv,.txt,.tsv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          data-testid="import-file"
          onChange={(e) => {
            const file = e.target.files?.[0];
            // Cleared so that choosing the same file again, after fixing it, is noticed.
            e.target.value = '';
            if (file) void read(file);
          }}
        />
        <Stack spacing={2}>
          {phase.step === 'done' ? (
            <Alert severity="success" data-testid="import-result">
              {t('catalog.import.done', { created: phase.result.created, updated: phase.result.updated, skipped: phase.result.skipped })}
            </Alert>
          ) : (
            <Typography variant="body2" color="text.secondary">
              {t('catalog.import.help')}
            </Typography>
          )}
          {phase.step === 'done' && phase.result.errors.length > 0 ? (
            <Box>
              <Typography variant="subtitle2" sx={{ mb: 0.5 }}>
                {t('catalog.import.skippedRows')}
              </Typography>
              <ErrorTable errors={phase.result.errors} />
            </Box>
          ) : null}
          {phase.step === 'pick' ? <Box>{pickButton}</Box> : null}
          {phase.step === 'reading' ? (
            <Box>
              <Typography variant="body2">{t('catalog.import.reading', { name: phase.name })}</Typography>
              <LinearProgress sx={{ mt: 1 }} />
            </Box>
          ) : null}
          {error ? (
            <Alert severity="error" data-testid="import-error-alert">
              {error}
            </Alert>
          ) : null}
          {preview ? (
            <>
              <Stack direction="row" spacing={4} sx={{ alignItems: 'flex-end', flexWrap: 'wrap', rowGap: 1 }}>
                <Figure label={t('catalog.import.file')} value={preview.file.name} testId="import-file-name" />
                <Figure label={t('catalog.import.format')} value={t(`catalog.format.${preview.preview.format}`)} testId="import-format" />
                {preview.preview.format === 'csv' ? (
                  <Figure label={t('catalog.import.encoding')} value={encodingLabel} testId="import-encoding" />
                ) : null}
                <Figure label={t('catalog.import.rows')} value={preview.preview.rows} testId="import-rows" />
                <Figure label={t('catalog.import.valid')} value={preview.preview.valid} testId="import-valid" color="success.main" />
                <Figure label={t('catalog.import.problems')} value={errors.length} testId="import-problems" color={errors.length ? 'error.main' : undefined} />
                <Box sx={{ flex: 1 }} />
                {pickButton}
              </Stack>
              {errors.length === 0 ? (
                <Alert severity="success">{t('catalog.import.noErrors')}</Alert>
              ) : (
                <>
                  <Alert severity="warning" data-testid="import-has-errors">
                    {t('catalog.import.hasErrors', { count: errors.length, valid: preview.preview.valid })}
                  </Alert>
                  <ErrorTable errors={errors} />
                </>
              )}
              {preview.preview.sample.length > 0 ? (
                <Box>
                  <Typography variant="subtitle2" sx={{ mb: 0.5 }}>
                    {t('catalog.import.sample', { n: preview.preview.sample.length })}
                  </Typography>
                  <Box sx={{ maxHeight: 240, overflow: 'auto', border: 1, borderColor: 'divider', borderRadius: 1 }}>
                    <Table size="small" stickyHeader data-testid="import-sample">
                      <TableHead>
                        <TableRow>
                          <TableCell sx={{ width: 64 }}>{t('catalog.import.col.line')}</TableCell>
                          <TableCell sx={{ width: 200 }}>{t('catalog.col.sku')}</TableCell>
                          <TableCell>{t('catalog.col.name')}</TableCell>
                          <TableCell sx={{ width: 80 }}>{t('catalog.import.col.action')}</TableCell>
                        </TableRow>
                      </TableHead>
                      <TableBody>
                        {preview.preview.sample.map((s) => (
                          <TableRow key={s.line} data-testid={`import-sample-${s.sku}`}>
                            <TableCell sx={{ fontVariantNumeric: 'tabular-nums' }}>{s.line}</TableCell>
                            <TableCell sx={{ fontFamily: 'monospace' }}>{s.sku}</TableCell>
                            <TableCell sx={{ whiteSpace: 'pre-line' }}>{s.name}</TableCell>
                            <TableCell>
                              <Chip size="small" variant="outlined" color={s.action === 'create' ? 'success' : 'info'} label={t(`catalog.import.action.${s.action}`)} />
                            </TableCell>
                          </TableRow>
                        ))}
                      </TableBody>
                    </Table>
                  </Box>
                </Box>
              ) : null}
              {phase.step === 'importing' ? <LinearProgress /> : null}
            </>
          ) : null}
        </Stack>
      </DialogContent>
      <DialogActions sx={{ px: 3, pb: 2 }}>
        {phase.step === 'done' ? (
          <>
            <Button onClick={() => setPhase({ step: 'pick' })} data-testid="import-another">
              {t('catalog.import.pickAnother')}
            </Button>
            <Button variant="contained" onClick={onClose} data-testid="import-close">
              {t('common.close')}
            </Button>
          </>
        ) : (
          <>
            <Button onClick={onClose} disabled={busy}>
              {t('common.cancel')}
            </Button>
            {preview ? (
              <>
                <Button variant="outlined" disabled={busy || errors.length === 0 || preview.preview.valid === 0} onClick={() => void commit('valid-rows-only')} data-testid="import-valid-only">
                  {t('catalog.import.validOnly')}
                </Button>
                <Button variant="contained" disabled={busy || errors.length > 0 || preview.preview.valid === 0} onClick={() => void commit('all-or-nothing')} data-testid="import-all">
                  {t('catalog.import.all')}
                </Button>
              </>
            ) : null}
          </>
        )}
      </DialogActions>
    </Dialog>
  );
}
