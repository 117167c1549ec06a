import type { LabelLayout } from '../labels';
import type { PrintMedia } from './printer';

const MICRONS_PER_POINT = 25_400 / 72;

/**
 * PDF points (1/72 in) to whole microns. Layouts are written in their stock's own unit, so a stock of 57.15 mm or
 * 50 mm comes back exactly; the rounding only drops float noise.
 */
export const pointsToMicrons = (points: number): number => Math.round(points * MICRONS_PER_POINT);

export function mediaOfPage(page: { width: number; height: number }): PrintMedia {
  return { widthMicrons: pointsToMicrons(page.width), heightMicrons: pointsToMicrons(page.height) };
}

/** The paper a label layout prints on: the roll label itself, or the whole sheet. */
export const mediaOfLayout = (layout: Pick<LabelLayout, 'page'>): PrintMedia => mediaOfPage(layout.page);

/** `57150×31750 µm`, for the audit row and the job's record. */
export const mediaText = (media: PrintMedia | null): string => (media ? `${media.widthMicrons}x${media.heightMicrons}um` : 'printer-default');
