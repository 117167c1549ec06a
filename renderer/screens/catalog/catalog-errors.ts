import type { ImportError } from '../../../shared/domain/catalog';
import type { ApiError } from '../../api/client';
import { dictionaries, type MessageKey, type TranslateParams } from '../../i18n';
import { describeError } from '../../i18n/describe-error';

type T = (key: MessageKey, params?: TranslateParams) => string;

const has = (key: string): key is MessageKey => Object.hasOwn(dictionaries['zh-CN'], key);

/** A product field's label in the UI language, or the field name as the service gave it. */
export function fieldLabel(t: T, field: string): string {
  const key = `catalog.field.${field}`;
  return has(key) ? t(key) : field;
}

/** One problem of an import file in words; a code this version does not know is still shown, by name. */
export function describeImportError(t: T, e: ImportError): string {
  const key = `catalog.importError.${e.code}`;
  return has(key) ? t(key, e.params) : t('catalog.importError.other', { code: e.code });
}

/**
 * Where a refused save points: the top-level product field (`params.field`, or the first path of a contract-level
 * refusal, which arrives as `fields: ['patch.codes.0.code']`) and, for a list, the index when the path names one.
 */
export function errorTarget(err: ApiError): { field: string; index: number | null } | null {
  const p = err.params;
  const path = typeof p.path === 'string' ? p.path : Array.isArray(p.fields) && typeof p.fields[0] === 'string' ? p.fields[0].replace(/^patch\./, '') : null;
  const parts = path ? path.split('.') : [];
  const field = typeof p.field === 'string' ? p.field : (parts[0] ?? null);
  if (!field || field === '(root)') return null;
  const index = parts[0] === field && parts[1] !== undefined && /^\d+$/.test(parts[1]) ? Number(parts[1]) : null;
  return { field, index };
}

/** The service names the rule in `params.reason`; without a sentence for it, the field is named at least. */
export function describeCatalogError(t: T, err: ApiError): string {
  const reason = err.params.reason;
  if (typeof reason === 'string' && has(`errors.reason.${reason}`)) return describeError(t, err);
  const target = errorTarget(err);
  if (err.code === 'invalid-input' && target) return t('catalog.error.field', { field: fieldLabel(t, target.field) });
  return describeError(t, err);
}
