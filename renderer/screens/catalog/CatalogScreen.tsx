import { Alert, Box, Button, Checkbox, Drawer, FormControlLabel, Menu, MenuItem, Snackbar, Stack, TextField, Typography } from '@mui/material';
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError } from '../../api/client';
import { useLocaleStore, useT } from '../../i18n';
import { describeError } from '../../i18n/describe-error';
import { useCatalogStore } from '../../stores/catalog.store';
import { AmazonMappingDialog } from './AmazonMappingDialog';
import { downloadBase64 } from './files';
import { ImportDialog } from './ImportDialog';
import { ProductEditor } from './ProductEditor';
import { ProductTable } from './ProductTable';

/** Typing pauses this long before the query runs; a scanner's Enter runs it at once. */
const SEARCH_DEBOUNCE_MS = 250;

export function CatalogScreen() {
  const t = useT();
  const locale = useLocaleStore((s) => s.locale);
  const s = useCatalogStore();
  const [query, setQuery] = useState(s.query);
  const [importing, setImporting] = useState(false);
  const [mapping, setMapping] = useState(false);
  const [exportMenu, setExportMenu] = useState<HTMLElement | null>(null);
  const [exporting, setExporting] = useState(false);
  const [notice, setNotice] = useState<{ severity: 'success' | 'error'; text: string } | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const { load, setQuery: runQuery, loadMore, refresh } = s;

  useEffect(() => void load(), [load]);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);

  const onQuery = (value: string) => {
    setQuery(value);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => runQuery(value.trim()), SEARCH_DEBOUNCE_MS);
  };
  const onNearEnd = useCallback(() => void loadMore(), [loadMore]);

  async function exportAs(format: 'csv' | 'xlsx') {
    setExportMenu(null);
    setExporting(true);
    try {
      // Headers in the language the user reads; the import accepts both.
      const file = await api.catalogExport({ format, locale });
      downloadBase64(file.fileName, file.base64);
      setNotice({ severity: 'success', text: t('catalog.exported', { file: file.fileName }) });
    } catch (err) {
      setNotice({ severity: 'error', text: describeError(t, err instanceof ApiError ? err : new ApiError('internal')) });
    } finally {
      setExporting(false);
    }
  }

  return (
    <Box sx={{ p: 3, display: 'flex', flexDirection: 'column', height: '100%', boxSizing: 'border-box', gap: 2 }}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Typography variant="h5" component="h1" sx={{ flex: 1 }}>
          {t('catalog.title')}
        </Typography>
        <Button variant="contained" onClick={s.openNew} data-testid="catalog-new">
          {t('catalog.new')}
        </Button>
        <Button variant="outlined" onClick={() => setMapping(true)} data-testid="catalog-mapping">
          {t('catalog.mapping.open')}
        </Button>
        <Button variant="outlined" onClick={() => setImporting(true)} data-testid="catalog-import">
          {t('catalog.import')}
        </Button>
        <Button variant="outlined" disabled={exporting} onClick={(e) => setExportMenu(e.currentTarget)} data-testid="catalog-export" aria-haspopup="menu">
          {exporting ? t('catalog.exporting') : `${t('catalog.export')} ▾`}
        </Button>
        <Menu anchorEl={exportMenu} open={exportMenu !== null} onClose={() => setExportMenu(null)}>
          <MenuItem onClick={() => void exportAs('csv')} data-testid="catalog-export-csv">
            {t('catalog.exportCsv')}
          </MenuItem>
          <MenuItem onClick={() => void exportAs('xlsx')} data-testid="catalog-export-xlsx">
            {t('catalog.exportXlsx')}
          </MenuItem>
        </Menu>
      </Stack>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <TextField
          size="small"
          label={t('catalog.search')}
          value={query}
          autoFocus
          onChange={(e) => onQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key !== 'Enter') return;
            if (timer.current) clearTimeout(timer.current);
            runQuery(query.trim());
          }}
          sx={{ width: 460 }}
          slotProps={{ htmlInput: { spellCheck: false, 'data-testid': 'catalog-search' } }}
        />
        <FormControlLabel
          control={<Checkbox checked={s.includeArchived} onChange={(e) => s.setIncludeArchived(e.target.checked)} slotProps={{ input: { 'aria-label': t('catalog.includeArchived') } }} data-testid="catalog-include-archived" />}
          label={t('catalog.includeArchived')}
        />
        <Box sx={{ flex: 1 }} />
        <Typography variant="body2" color="text.secondary" data-testid="catalog-count">
          {t('catalog.count', { shown: s.rows.length, total: s.total })}
        </Typography>
      </Stack>
      {s.error ? <Alert severity="error">{describeError(t, s.error)}</Alert> : null}
      <ProductTable rows={s.rows} total={s.total} emptyText={s.query || s.includeArchived ? t('catalog.empty') : t('catalog.emptyAll')} showMatch={s.query !== ''} onOpen={(id) => void s.openEdit(id)} onNearEnd={onNearEnd} />
      <Drawer anchor="right" open={s.editor !== null} onClose={s.closeEditor}>
        {s.editor ? <ProductEditor key={s.editorSession} target={s.editor} onClose={s.closeEditor} /> : null}
      </Drawer>
      {importing ? <ImportDialog onClose={() => setImporting(false)} onImported={() => void refresh()} /> : null}
      {mapping ? <AmazonMappingDialog onClose={() => setMapping(false)} onChanged={() => void refresh()} /> : null}
      <Snackbar open={notice !== null} autoHideDuration={5000} onClose={() => setNotice(null)} anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}>
        {notice ? (
          <Alert severity={notice.severity} onClose={() => setNotice(null)} data-testid="catalog-notice">
            {notice.text}
          </Alert>
        ) : undefined}
      </Snackbar>
    </Box>
  );
}
