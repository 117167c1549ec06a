import type { ImportFile } from '../../services/catalog/import/catalog-import';
import type { HandlerMap } from './types';

const decode = (file: { name: string; base64: string }): ImportFile => {
  const buf = Buffer.from(file.base64, 'base64');
  return { name: file.name, bytes: new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength) };
};

const exportBaseName = { 'zh-CN': '商品资料', en: 'catalog' } as const;

export const catalogHandlers = {
  'catalog:search': (core, input) => core.catalog.search(input),
  'catalog:get': (core, { id }) => core.catalog.get(id),
  'catalog:create': (core, input) => core.catalog.create(input),
  'catalog:update': (core, { id, patch }) => core.catalog.update(id, patch),
  'catalog:archive': (core, { id, archived }) => (archived ? core.catalog.archive(id) : core.catalog.restore(id)),
  'catalog:import-preview': (core, file) => core.catalogImport.preview(decode(file)),
  'catalog:import-commit': (core, { mode, ...file }) => core.catalogImport.commit(decode(file), { mode }),
  'catalog:export': async (core, input) => {
    const bytes = await core.catalogImport.exportCatalog(input);
    const day = core.clock.now().toISOString().slice(0, 10);
    return { fileName: `${exportBaseName[input.locale]}-${day}.${input.format}`, base64: Buffer.from(bytes).toString('base64') };
  },
  'catalog:unmapped-listings': (core, { storeId }) => core.catalog.unmappedListings(storeId === undefined ? {} : { storeId }),
  'catalog:map-listing': (core, input) => core.catalog.mapListing(input),
  'catalog:unmap-listing': async (core, ref) => {
    await core.catalog.unmapListing(ref);
    return {};
  },
  'catalog:import-from-amazon': (core, { storeId, defaultFbmWarehouseId }) =>
    core.importCatalogFromAmazon(storeId, defaultFbmWarehouseId === undefined ? {} : { defaultFbmWarehouseId }),
  'suppliers:create': (core, input) => core.catalog.createSupplier(input),
  'suppliers:update': (core, { id, patch }) => core.catalog.updateSupplier(id, patch),
} satisfies HandlerMap<
  | 'catalog:search'
  | 'catalog:get'
  | 'catalog:create'
  | 'catalog:update'
  | 'catalog:archive'
  | 'catalog:import-preview'
  | 'catalog:import-commit'
  | 'catalog:export'
  | 'catalog:unmapped-listings'
  | 'catalog:map-listing'
  | 'catalog:unmap-listing'
  | 'catalog:import-from-amazon'
  | 'suppliers:create'
  | 'suppliers:update'
>;
