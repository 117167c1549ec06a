import { Box, Button, IconButton, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { codeKinds, type CodeKind, type ProductKind } from '../../../shared/domain/catalog';
import { api } from '../../api/client';
import { useLocaleStore, useT, type MessageKey } from '../../i18n';
import { rowKey, type Draft, type Problem } from './product-draft';

type T = ReturnType<typeof useT>;
type Say = (p: Problem | undefined) => string | undefined;

/** Amazon marketplaces' languages first; any locale already on the product is kept in the list. */
export const TITLE_LOCALES = ['zh-CN', 'en', 'ja', 'de', 'fr', 'it', 'es', 'nl', 'pl', 'sv', 'tr', 'pt', 'ar'];

function languageName(uiLocale: string, tag: string): string {
  try {
    return new Intl.DisplayNames([uiLocale], { type: 'language', languageDisplay: 'standard' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

const removeAt = <R,>(rows: R[], i: number) => rows.filter((_, j) => j !== i);
const replaceAt = <R,>(rows: R[], i: number, next: Partial<R>) => rows.map((r, j) => (j === i ? { ...r, ...next } : r));

export function TitleRows({ draft, change, say, problems }: { draft: Draft; change(next: Partial<Draft>): void; say: Say; problems: Record<string, Problem> }) {
  const t = useT();
  const uiLocale = useLocaleStore((s) => s.locale);
  const locales = [...new Set([...TITLE_LOCALES, ...draft.titles.map((r) => r.locale)])];
  const unused = locales.find((l) => !draft.titles.some((r) => r.locale === l));
  return (
    <Stack spacing={1.5}>
      {draft.titles.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {t('catalog.noTitles')}
        </Typography>
      ) : null}
      {draft.titles.map((row, i) => (
        <Stack key={row.key} direction="row" spacing={1} sx={{ alignItems: 'flex-start' }} data-testid={`title-row-${i}`}>
          <TextField
            select
            size="small"
            label={t('catalog.field.locale')}
            value={row.locale}
            onChange={(e) => change({ titles: replaceAt(draft.titles, i, { locale: e.target.value }) })}
            sx={{ width: 200, flexShrink: 0 }}
            slotProps={{ select: { renderValue: (v) => languageName(uiLocale, String(v)), inputProps: { 'data-testid': `title-locale-${i}` } } }}
          >
            {locales.map((l) => (
              <MenuItem key={l} value={l}>
                {languageName(uiLocale, l)}
                <Typography component="span" variant="caption" color="text.secondary" sx={{ ml: 1 }}>
                  {l}
                </Typography>
              </MenuItem>
            ))}
          </TextField>
          <TextField
            size="small"
            fullWidth
            label={t('catalog.field.title')}
            value={row.text}
            onChange={(e) => change({ titles: replaceAt(draft.titles, i, { text: e.target.value }) })}
            error={!!problems[`titles.${i}`]}
            helperText={say(problems[`titles.${i}`])}
            slotProps={{ htmlInput: { maxLength: 1000, 'data-testid': `title-text-${i}` } }}
          />
          <IconButton aria-label={t('catalog.remove')} onClick={() => change({ titles: removeAt(draft.titles, i) })} data-testid={`title-remove-${i}`}>
            ×
          </IconButton>
        </Stack>
      ))}
      <Box>
        <Button size="small" disabled={!unused} onClick={() => unused && change({ titles: [...draft.titles, { key: rowKey(), locale: unused, text: '' }] })} data-testid="add-title">
          + {t('catalog.addTitle')}
        </Button>
      </Box>
    </Stack>
  );
}

export function CodeRows({ draft, change, say, problems }: { draft: Draft; change(next: Partial<Draft>): void; say: Say; problems: Record<string, Problem> }) {
  const t = useT();
  return (
    <Stack spacing={1.5}>
      {draft.codes.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {t('catalog.noCodes')}
        </Typography>
      ) : null}
      {draft.codes.map((row, i) => {
        const problem = problems[`codes.${i}`];
        return (
          <Stack key={row.key} direction="row" spacing={1} sx={{ alignItems: 'flex-start' }} data-testid={`code-row-${i}`}>
            <TextField
              select
              size="small"
              label={t('catalog.field.codeKind')}
              value={row.kind}
              onChange={(e) => change({ codes: replaceAt(draft.codes, i, { kind: e.target.value as CodeKind, units: e.target.value === 'case' ? row.units : '1' }) })}
              sx={{ width: 150, flexShrink: 0 }}
              slotProps={{ select: { inputProps: { 'data-testid': `code-kind-${i}` } } }}
            >
              {codeKinds.map((k) => (
                <MenuItem key={k} value={k}>
                  {t(`catalog.codeKind.${k}`)}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              size="small"
              fullWidth
              label={t('catalog.field.code')}
              value={row.code}
              onChange={(e) => change({ codes: replaceAt(draft.codes, i, { code: e.target.value }) })}
              // A scanner ends with Enter: it must not submit the whole form half-filled.
              onKeyDown={(e) => e.key === 'Enter' && e.preventDefault()}
              error={!!problem}
              helperText={say(problem)}
              slotProps={{ htmlInput: { maxLength: 60, spellCheck: false, style: { fontFamily: 'monospace' }, 'data-testid': `code-value-${i}` } }}
            />
            {row.kind === 'case' ? (
              <TextField
                size="small"
                label={t('catalog.field.units')}
                value={row.units}
                onChange={(e) => change({ codes: replaceAt(draft.codes, i, { units: e.target.value }) })}
                sx={{ width: 110, flexShrink: 0 }}
                slotProps={{ htmlInput: { inputMode: 'numeric', 'data-testid': `code-units-${i}` } }}
              />
            ) : null}
            <IconButton aria-label={t('catalog.remove')} onClick={() => change({ codes: removeAt(draft.codes, i) })} data-testid={`code-remove-${i}`}>
              ×
            </IconButton>
          </Stack>
        );
      })}
      <Box>
        <Button size="small" onClick={() => change({ codes: [...draft.codes, { key: rowKey(), kind: 'gtin', code: '', units: '1' }] })} data-testid="add-code">
          + {t('catalog.addCode')}
        </Button>
      </Box>
    </Stack>
  );
}

type Lookup = { state: 'idle' } | { state: 'found'; name: string; kind: ProductKind } | { state: 'unknown' };

/** Resolves a typed component SKU to its product, so the user sees the name (or that there is none) before saving. */
function useSkuLookup(sku: string, known: ReadonlyMap<string, string>): Lookup {
  const [found, setFound] = useState<{ sku: string; result: Lookup }>({ sku: '', result: { state: 'idle' } });
  useEffect(() => {
    const q = sku.trim();
    if (q === '' || known.has(q)) return;
    let live = true;
    const timer = setTimeout(() => {
      api
        .catalogSearch({ query: q, limit: 10, includeArchived: true })
        .then((page) => {
          const p = page.rows.find((r) => r.sku === q);
          if (live) setFound({ sku: q, result: p ? { state: 'found', name: p.name, kind: p.kind } : { state: 'unknown' } });
        })
        .catch(() => undefined);
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [sku, known]);
  const name = known.get(sku.trim());
  if (name !== undefined) return { state: 'found', name, kind: 'unit' };
  return found.sku === sku.trim() && sku.trim() !== '' ? found.result : { state: 'idle' };
}

function ComponentRow({ draft, i, change, problem, say, known }: { draft: Draft; i: number; change(next: Partial<Draft>): void; problem: Problem | undefined; say: Say; known: ReadonlyMap<string, string> }) {
  const t = useT();
  const row = draft.components[i]!;
  const lookup = useSkuLookup(row.sku, known);
  const lookupProblem: Problem | undefined =
    lookup.state === 'unknown' ? { key: 'catalog.componentUnknown' } : lookup.state === 'found' && lookup.kind === 'bundle' ? { key: 'catalog.componentIsBundle', params: { sku: row.sku.trim() } } : undefined;
  const shown = problem ?? lookupProblem;
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start' }} data-testid={`component-row-${i}`}>
      <TextField
        size="small"
        fullWidth
        label={t('catalog.field.componentSku')}
        value={row.sku}
        onChange={(e) => change({ components: replaceAt(draft.components, i, { sku: e.target.value }) })}
        onKeyDown={(e) => e.key === 'Enter' && e.preventDefault()}
        error={!!shown}
        helperText={shown ? say(shown) : lookup.state === 'found' ? lookup.name : ' '}
        slotProps={{ htmlInput: { maxLength: 100, spellCheck: false, style: { fontFamily: 'monospace' }, 'data-testid': `component-sku-${i}` } }}
      />
      <TextField
        size="small"
        label={t('catalog.field.quantity')}
        value={row.quantity}
        onChange={(e) => change({ components: replaceAt(draft.components, i, { quantity: e.target.value }) })}
        sx={{ width: 110, flexShrink: 0 }}
        slotProps={{ htmlInput: { inputMode: 'numeric', 'data-testid': `component-qty-${i}` } }}
      />
      <IconButton aria-label={t('catalog.remove')} onClick={() => change({ components: removeAt(draft.components, i) })} data-testid={`component-remove-${i}`}>
        ×
      </IconButton>
    </Stack>
  );
}

/** `known`: the saved components' names (SKU → name), shown at once instead of being looked up again. */
export function ComponentRows({ draft, change, say, problems, known }: { draft: Draft; change(next: Partial<Draft>): void; say: Say; problems: Record<string, Problem>; known: ReadonlyMap<string, string> }) {
  const t = useT();
  const units = draft.components.reduce((sum, r) => sum + (/^\d+$/.test(r.quantity.trim()) ? Number(r.quantity.trim()) : 0), 0);
  return (
    <Stack spacing={1.5}>
      {problems.components ? (
        <Typography variant="body2" color="error" data-testid="components-problem">
          {say(problems.components)}
        </Typography>
      ) : null}
      {draft.components.map((row, i) => (
        <ComponentRow key={row.key} draft={draft} i={i} change={change} problem={problems[`components.${i}`]} say={say} known={known} />
      ))}
      <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between' }}>
        <Button size="small" onClick={() => change({ components: [...draft.components, { key: rowKey(), sku: '', quantity: '1' }] })} data-testid="add-component">
          + {t('catalog.addComponent')}
        </Button>
        {units > 0 ? (
          <Typography variant="body2" color="text.secondary" data-testid="bundle-summary">
            {t('catalog.bundleSummary', { units })}
          </Typography>
        ) : null}
      </Stack>
    </Stack>
  );
}

export function sayWith(t: T): Say {
  return (p) => (p ? t(p.key as MessageKey, p.params) : undefined);
}
