/**
 * Code 128 subset B, enough for what the warehouse prints (order ids, wave numbers, totes, SKUs: printable ASCII).
 * A symbol is start B, one symbol per character, a mod-103 checksum and the stop pattern; each symbol is six
 * alternating bar/space widths in modules (the stop has seven), always starting with a bar.
 */
const PATTERNS: readonly string[] = [
  '212222', '222122', '222221', '121223', '121322', '131222', '122213', '122312', '132212', '221213',
  '221312', '231212', '112232', '122132', '122231', '113222', '123122', '123221', '223211', '221132',
  '221231', '213212', '223112', '312131', '311222', '321122', '321221', '312212', '322112', '322211',
  '212123', '212321', '232121', '111323', '131123', '131321', '112313', '132113', '132311', '211313',
  '231113', '231311', '112133', '112331', '132131', '113123', '113321', '133121', '313121', '211331',
  '231131', '213113', '213311', '213131', '311123', '311321', '331121', '312113', '312311', '332111',
  '314111', '221411', '431111', '111224', '111422', '121124', '121421', '141122', '141221', '112214',
  '112412', '122114', '122411', '142112', '142211', '241211', '221114', '413111', '241112', '134111',
  '111242', '121142', '121241', '114212', '124112', '124211', '411212', '421112', '421211', '212141',
  '214121', '412121', '111143', '111341', '131141', '114113', '114311', '411113', '411311', '113141',
  '114131', '311141', '411131', '211412', '211214', '211232', '2331112',
];
const START_B = 104;
const STOP = 106;

/** Code B holds printable ASCII (space … tilde). */
export const isCode128BText = (text: string): boolean => text.length > 0 && [...text].every((ch) => ch.charCodeAt(0) >= 32 && ch.charCodeAt(0) <= 126);

/** The symbol values of `text`: start, data, checksum, stop. */
export function code128BValues(text: string): number[] {
  if (!isCode128BText(text)) throw new RangeError('Code 128 B encodes printable ASCII only');
  const data = [...text].map((ch) => ch.charCodeAt(0) - 32);
  const checksum = data.reduce((sum, v, i) => sum + v * (i + 1), START_B) % 103;
  return [START_B, ...data, checksum, STOP];
}

/** Alternating bar/space widths in modules, starting with a bar; quiet zones are the caller's. */
export function code128BWidths(text: string): number[] {
  return code128BValues(text).flatMap((v) => [...(PATTERNS[v] ?? '')].map(Number));
}

/** The symbol's width in modules without quiet zones: 11 per symbol, 13 for the stop. */
export const code128BModules = (text: string): number => code128BWidths(text).reduce((a, b) => a + b, 0);

/** The bars as rectangles (x offset and width in modules), for whatever draws them. */
export function code128BBars(text: string): { x: number; width: number }[] {
  const bars: { x: number; width: number }[] = [];
  let x = 0;
  for (const [i, w] of code128BWidths(text).entries()) {
    if (i % 2 === 0) bars.push({ x, width: w });
    x += w;
  }
  return bars;
}
