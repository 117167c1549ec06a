import { z } from 'zod';

/** Upper bounds on strings crossing IPC, so a runaway renderer cannot push megabytes into the DB. */
export const MAX_SHORT_TEXT = 200;
export const MAX_ID = 64;

export const shortText = z.string().trim().min(1).max(MAX_SHORT_TEXT);
export const idText = z.string().min(1).max(MAX_ID);
export const isoDateTime = z.iso.datetime({ offset: true });
