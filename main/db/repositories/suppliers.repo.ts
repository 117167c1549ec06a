import type { Supplier } from '../../../shared/domain/catalog';
import type { Queryable } from '../connection';

interface SupplierRow {
  id: number;
  name: string;
  currency: string;
  lead_time_days: number;
  contact: string | null;
  created_at: string;
  updated_at: string;
}

const toSupplier = (r: SupplierRow): Supplier => ({
  id: r.id,
  name: r.name,
  currency: r.currency,
  leadTimeDays: r.lead_time_days,
  contact: r.contact,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export async function listSuppliers(db: Queryable): Promise<Supplier[]> {
  const rows = await db<SupplierRow>('suppliers').orderBy('name');
  return rows.map(toSupplier);
}

export async function getSupplier(db: Queryable, id: number): Promise<Supplier | undefined> {
  const row = await db<SupplierRow>('suppliers').where({ id }).first();
  return row && toSupplier(row);
}

export async function findSupplierByName(db: Queryable, name: string): Promise<Supplier | undefined> {
  const row = await db<SupplierRow>('suppliers').where({ name }).first();
  return row && toSupplier(row);
}

export async function insertSupplier(db: Queryable, s: { name: string; currency: string; leadTimeDays: number; contact: string | null }, now: string): Promise<number> {
  const [row] = await db('suppliers').insert({ name: s.name, currency: s.currency, lead_time_days: s.leadTimeDays, contact: s.contact, created_at: now, updated_at: now }, ['id']);
  return typeof row === 'object' && row !== null ? (row as { id: number }).id : (row as number);
}

export async function updateSupplier(db: Queryable, id: number, patch: { name?: string; currency?: string; leadTimeDays?: number; contact?: string | null }, now: string): Promise<void> {
  await db('suppliers')
    .where({ id })
    .update({
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.currency !== undefined ? { currency: patch.currency } : {}),
      ...(patch.leadTimeDays !== undefined ? { lead_time_days: patch.leadTimeDays } : {}),
      ...(patch.contact !== undefined ? { contact: patch.contact } : {}),
      updated_at: now,
    });
}
