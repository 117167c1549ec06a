import { MenuItem, TextField } from '@mui/material';
import { useState } from 'react';
import type { Locale } from '../../shared/domain/locale';
import { api, ApiError } from '../api/client';
import { useLocaleStore, useT } from '../i18n';

type Choice = Locale | 'system';

export function LanguageSwitch({ id = 'language-switch', fullWidth = false }: { id?: string; fullWidth?: boolean }) {
  const t = useT();
  const preference = useLocaleStore((s) => s.preference);
  const setPreference = useLocaleStore((s) => s.setPreference);
  const [error, setError] = useState<ApiError | null>(null);

  const change = async (choice: Choice) => {
    const next = choice === 'system' ? null : choice;
    try {
      const saved = await api.updatePreferences({ locale: next });
      setPreference(saved.locale);
      setError(null);
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError('internal'));
    }
  };

  return (
    <TextField
      select
      size="small"
      id={id}
      label={t('language.label')}
      value={preference ?? 'system'}
      onChange={(e) => void change(e.target.value as Choice)}
      error={!!error}
      helperText={error ? t(`errors.${error.code}`, error.params) : undefined}
      fullWidth={fullWidth}
      sx={fullWidth ? undefined : { minWidth: 140 }}
      slotProps={{ select: { inputProps: { 'data-testid': id } } }}
    >
      <MenuItem value="system">{t('language.system')}</MenuItem>
      <MenuItem value="zh-CN">{t('language.zh-CN')}</MenuItem>
      <MenuItem value="en">{t('language.en')}</MenuItem>
    </TextField>
  );
}
