import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/ipc/errors';
import type { Db } from '../../db/connection';
import { amazonLabelPdf } from '../../labels/amazon-label-pdf';
import type { SpApiClient } from '../../spapi/client';
import type { AmazonApi } from '../../spapi/amazon-api';
import { boxes as boxRows, getPlan, getShipment, patchShipment } from './plans.repo';

export interface LabelDeps {
  db: Db;
  /** Where downloaded label PDFs are kept for reprints (the data folder). */
  labelsDir: string;
  apiFor: (storeId: number) => Promise<{ api: AmazonApi; client: SpApiClient } | null>;
  now: () => string;
}

/**
 * Amazon's carton labels for one shipment (v0 getLabels with the shipment confirmation id). The download URL Amazon
 * answers with lives 15 seconds, so the PDF is fetched at once, checked to be a PDF, written to disk and remembered on
 * the shipment: a reprint reads the stored file instead of asking Amazon again.
 */
export async function amazonLabels(deps: LabelDeps, input: { planId: number; shipmentId: number; pageType: string; refetch: boolean }): Promise<{ fileName: string; bytes: Buffer; pages: number }> {
  const plan = await getPlan(deps.db, input.planId);
  if (!plan) throw new AppError('not-found', { entity: 'fba-plan', id: input.planId });
  const shipment = await getShipment(deps.db, plan.id, input.shipmentId);
  if (!shipment) throw new AppError('not-found', { entity: 'fba-shipment', id: input.shipmentId });
  if (!shipment.confirmation_id) throw new AppError('conflict', { reason: 'shipment-not-confirmed' });
  const fileName = `${shipment.confirmation_id}-amazon-labels.pdf`;

  if (shipment.label_pdf_path && !input.refetch && fs.existsSync(shipment.label_pdf_path)) {
    const bytes = fs.readFileSync(shipment.label_pdf_path);
    return { fileName, bytes, pages: amazonLabelPdf(bytes).pageCount };
  }

  const access = await deps.apiFor(plan.store_id);
  if (!access) throw new AppError('conflict', { reason: 'store-not-connected' });
  // Boxes are not split by shipment here; Amazon prints one label per box it knows for this shipment.
  const numberOfPackages = Math.max(1, (await boxRows(deps.db, plan.id)).length);
  const answer = await access.api.inbound.getLabels(shipment.confirmation_id, { pageType: input.pageType, numberOfPackages });
  const url = answer.payload?.DownloadURL;
  if (!url) throw new AppError('conflict', { reason: 'no-label-url' });
  // latin1 maps every byte to one character and back: the binary PDF survives the package's text download.
  const bytes = Buffer.from(await access.client.download({ url }, 'latin1'), 'latin1');
  const pdf = amazonLabelPdf(bytes);

  fs.mkdirSync(deps.labelsDir, { recursive: true });
  const file = path.join(deps.labelsDir, `${shipment.confirmation_id}-${deps.now().replace(/[:.]/g, '-')}.pdf`);
  fs.writeFileSync(file, bytes);
  await patchShipment(deps.db, shipment.id, { label_pdf_path: file, label_fetched_at: deps.now() });
  return { fileName, bytes, pages: pdf.pageCount };
}
