/**
 * Turns the bytes of a spreadsheet exported by Excel or WPS into text. Chinese sellers' files arrive in GB18030 (Excel's
 * "CSV" on a Chinese Windows), UTF-16 LE with a BOM (Excel's "Unicode text"), or UTF-8 with or without a BOM.
 */
export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'gb18030';

export type DecodedText =
  | { ok: true; text: string; encoding: TextEncodingName; /** Physical lines holding bytes that are not UTF-8 (only for broken UTF-8). */ badLines: number[] }
  | { ok: false; reason: 'undecodable-text' };

const decoder = (label: string) => new TextDecoder(label, { fatal: true, ignoreBOM: true });

function tryDecode(label: string, bytes: Uint8Array): string | null {
  try {
    return decoder(label).decode(bytes);
  } catch {
    return null;
  }
}

/** Editors and some exporters pad files with NULs; they are not part of the table. */
function dropNulPadding(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 0) end--;
  return text.slice(0, end);
}

function utf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): DecodedText {
  // A single NUL byte of padding leaves an odd length that no UTF-16 decoder accepts.
  const even = bytes.length % 2 === 1 && bytes[bytes.length - 1] === 0 ? bytes.subarray(0, bytes.length - 1) : bytes;
  const text = tryDecode(encoding, even);
  return text === null ? { ok: false, reason: 'undecodable-text' } : { ok: true, text: dropNulPadding(text), encoding, badLines: [] };
}

/** UTF-16 without a BOM shows itself by NUL bytes in every other position (the high byte of ASCII characters). */
function utf16ByNulPattern(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (pairs < 2) return null;
  if (oddNul >= pairs * 0.2 && evenNul * 10 <= oddNul) return 'utf-16le';
  if (evenNul >= pairs * 0.2 && oddNul * 10 <= evenNul) return 'utf-16be';
  return null;
}

/** Length of the valid UTF-8 sequence starting at `i`, or 0 if the byte there does not start one. */
function utf8SequenceLength(bytes: Uint8Array, i: number): number {
  const b = bytes[i] ?? 0;
  const cont = (k: number) => {
    const c = bytes[i + k];
    return c !== undefined && c >= 0x80 && c <= 0xbf;
  };
  if (b < 0x80) return 1;
  if (b >= 0xc2 && b <= 0xdf) return cont(1) ? 2 : 0;
  if (b >= 0xe0 && b <= 0xef) {
    const c1 = bytes[i + 1] ?? 0;
    // Overlong forms (E0 80–9F) and UTF-16 surrogates (ED A0–BF) are not UTF-8.
    if ((b === 0xe0 && c1 < 0xa0) || (b === 0xed && c1 > 0x9f)) return 0;
    return cont(1) && cont(2) ? 3 : 0;
  }
  if (b >= 0xf0 && b <= 0xf4) {
    const c1 = bytes[i + 1] ?? 0;
    if ((b === 0xf0 && c1 < 0x90) || (b === 0xf4 && c1 > 0x8f)) return 0;
    return cont(1) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

/**
 * Counts multi-byte UTF-8 sequences against bytes that fit none, and notes the physical line of each misfit. A GB18030
 * file has almost no valid UTF-8 sequences; a UTF-8 file damaged by a truncation or a stray byte has mostly valid ones.
 */
function utf8Damage(bytes: Uint8Array): { valid: number; invalid: number; badLines: number[] } {
  let valid = 0;
  let invalid = 0;
  let line = 1;
  const bad = new Set<number>();
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i] ?? 0;
    if (b === 0x0a || (b === 0x0d && bytes[i + 1] !== 0x0a)) line++;
    const len = utf8SequenceLength(bytes, i);
    if (len === 0) {
      invalid++;
      bad.add(line);
      // A truncated sequence (lead byte plus some continuation bytes) is one defect, not several.
      const expected = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc2 ? 2 : 1;
      let skip = 1;
      while (skip < expected && (bytes[i + skip] ?? 0) >= 0x80 && (bytes[i + skip] ?? 0) <= 0xbf) skip++;
      i += skip;
    } else {
      if (len > 1) valid++;
      i += len;
    }
  }
  return { valid, invalid, badLines: [...bad] };
}

export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const body = bytes.subarray(3);
    const text = tryDecode('utf-8', body);
    if (text !== null) return { ok: true, text: dropNulPadding(text), encoding: 'utf-8-bom', badLines: [] };
    return brokenUtf8(body, 'utf-8-bom');
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return utf16(bytes.subarray(2), 'utf-16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return utf16(bytes.subarray(2), 'utf-16be');

  const nulPattern = utf16ByNulPattern(bytes);
  if (nulPattern) return utf16(bytes, nulPattern);
  const utf8 = tryDecode('utf-8', bytes);
  if (utf8 !== null) return { ok: true, text: dropNulPadding(utf8), encoding: 'utf-8', badLines: [] };

  const damage = utf8Damage(bytes);
  // Four valid multi-byte sequences per misfit: far above what GB18030 text produces by chance (well under one).
  if (damage.valid >= 4 * damage.invalid) return brokenUtf8(bytes, 'utf-8');
  const gb = tryDecode('gb18030', bytes);
  if (gb !== null) return { ok: true, text: dropNulPadding(gb), encoding: 'gb18030', badLines: [] };
  // Neither reading holds: pointing at the lines that are not UTF-8 is the most useful thing to tell the user.
  return brokenUtf8(bytes, 'utf-8');
}

/** Decoded with U+FFFD for the bad bytes, so the rows without them can still be read; the caller refuses the others. */
function brokenUtf8(bytes: Uint8Array, encoding: 'utf-8' | 'utf-8-bom'): DecodedText {
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  return { ok: true, text: dropNulPadding(text), encoding, badLines: utf8Damage(bytes).badLines };
}
