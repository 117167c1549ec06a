import fs from 'node:fs';

/** System CJK fonts, most likely first: Debian/Ubuntu (fonts-noto-cjk), Windows, macOS. */
export const SYSTEM_CJK_FONTS: readonly { path: string; family: string }[] = [
  { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', family: 'NotoSansCJKsc-Regular' },
  { path: 'C:\\Windows\\Fonts\\msyh.ttc', family: 'MicrosoftYaHei' },
  { path: '/System/Library/Fonts/PingFang.ttc', family: 'PingFangSC-Regular' },
];

export interface FontChoice {
  /** A TTF/OTF/TTC with CJK glyphs; tried before the system fonts. */
  fontPath?: string;
  /** The face inside `fontPath` when it is a collection (.ttc). */
  fontFamily?: string;
}

/** Text outside Latin-1 cannot be drawn with PDF's built-in Helvetica. */
export const needsCjk = (texts: readonly string[]): boolean => texts.some((t) => [...t].some((ch) => (ch.codePointAt(0) ?? 0) > 0xff));

export function pickFont(options: FontChoice): { path: string; family?: string } | null {
  if (options.fontPath && fs.existsSync(options.fontPath)) return { path: options.fontPath, ...(options.fontFamily ? { family: options.fontFamily } : {}) };
  return SYSTEM_CJK_FONTS.find((f) => fs.existsSync(f.path)) ?? null;
}
