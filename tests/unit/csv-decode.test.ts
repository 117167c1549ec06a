import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv, sniffDelimiter } from '../../main/services/catalog/import/csv';
import { decodeText } from '../../main/services/catalog/import/decode-text';

const fixture = (name: string) => new Uint8Array(fs.readFileSync(path.join(__dirname, '../fixtures/files', name)));
const utf8 = (s: string) => new TextEncoder().encode(s);
const cat = (...parts: (Uint8Array | number[])[]) => Uint8Array.from(parts.flatMap((p) => [...p]));
function utf16(s: string, le: boolean): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const u = s.charCodeAt(i);
    out.push(...(le ? [u & 0xff, u >> 8] : [u >> 8, u & 0xff]));
  }
  return out;
}
const text = (r: ReturnType<typeof decodeText>) => (r.ok ? r.text : `!${r.reason}`);

const SAMPLE = 'SKU,品名\r\nA-1,抹茶ラテ 🍵\r\n';

describe('decodeText: the encodings Excel and WPS write', () => {
  it('UTF-8 with and without BOM', () => {
    expect(decodeText(cat([0xef, 0xbb, 0xbf], utf8(SAMPLE)))).toMatchObject({ ok: true, encoding: 'utf-8-bom', text: SAMPLE });
    expect(decodeText(utf8(SAMPLE))).toMatchObject({ ok: true, encoding: 'utf-8', text: SAMPLE });
  });

  it('UTF-16 LE and BE by BOM (Excel "Unicode text"), surrogate pairs included', () => {
    expect(decodeText(cat([0xff, 0xfe], utf16(SAMPLE, true)))).toMatchObject({ ok: true, encoding: 'utf-16le', text: SAMPLE });
    expect(decodeText(cat([0xfe, 0xff], utf16(SAMPLE, false)))).toMatchObject({ ok: true, encoding: 'utf-16be', text: SAMPLE });
  });

  it('UTF-16 without a BOM, recognised by its NUL bytes', () => {
    expect(decodeText(Uint8Array.from(utf16(SAMPLE, true)))).toMatchObject({ ok: true, encoding: 'utf-16le', text: SAMPLE });
    expect(decodeText(Uint8Array.from(utf16(SAMPLE, false)))).toMatchObject({ ok: true, encoding: 'utf-16be', text: SAMPLE });
  });

  it('GB18030 (Excel CSV on Chinese Windows), four-byte characters included, reads exactly like the UTF-8 file', () => {
    const gb = decodeText(fixture('catalog-gb18030.csv'));
    const u8 = decodeText(fixture('catalog-utf8-bom.csv'));
    expect(gb).toMatchObject({ ok: true, encoding: 'gb18030' });
    expect(text(gb).replace(/\r\n/g, '\n')).toBe(text(u8));
    expect(text(gb)).toContain('北欧风陶瓷马克杯（𠮷字款）');
    // A short GBK file with no valid UTF-8 sequence at all is still GB18030, not "broken UTF-8".
    expect(decodeText(Uint8Array.from([0xc6, 0xb7, 0xc3, 0xfb, 0x0a, 0xb1, 0xad, 0xd7, 0xd3]))).toMatchObject({ ok: true, encoding: 'gb18030', text: '品名\n杯子' });
  });

  it('NUL padding at the end is ignored, even an odd byte after UTF-16', () => {
    expect(text(decodeText(cat(utf8(SAMPLE), [0, 0, 0, 0])))).toBe(SAMPLE);
    expect(text(decodeText(cat([0xff, 0xfe], utf16(SAMPLE, true), [0, 0, 0])))).toBe(SAMPLE);
  });

  it('UTF-8 with a few bad bytes is reported as broken UTF-8 on the lines that hold them, not misread as GB18030', () => {
    const r = decodeText(fixture('catalog-broken-utf8.csv'));
    expect(r).toMatchObject({ ok: true, encoding: 'utf-8', badLines: [3, 5] });
    expect(text(r)).toContain('机械键盘');
    const cr = decodeText(cat(utf8('品名,数量\r汉字,1\r坏'), [0xe6, 0xa0], utf8(',2\r')));
    expect(cr).toMatchObject({ ok: true, badLines: [3] });
  });
});

describe('parseCsv: RFC 4180 and the line numbers a user sees in a text editor', () => {
  it('quoted fields with doubled quotes, delimiters and line breaks; a record starts on its first physical line', () => {
    const csv = 'sku,name,note\r\nA,"Mug, 350ml","say ""hi"""\r\nB,"two\r\nlines",x\r\nC,"three\nmixed\rbreaks",y\r\nD,plain,z';
    const { records, unterminatedQuoteLine } = parseCsv(csv);
    expect(unterminatedQuoteLine).toBeNull();
    expect(records.map((r) => [r.line, r.endLine, ...r.fields])).toEqual([
      [1, 1, 'sku', 'name', 'note'],
      [2, 2, 'A', 'Mug, 350ml', 'say "hi"'],
      [3, 4, 'B', 'two\r\nlines', 'x'],
      [5, 7, 'C', 'three\nmixed\rbreaks', 'y'],
      [8, 8, 'D', 'plain', 'z'],
    ]);
  });

  it('LF-only and CR-only files count lines the same way', () => {
    expect(parseCsv('a,b\n1,2\n3,4\n').records.map((r) => r.line)).toEqual([1, 2, 3]);
    expect(parseCsv('a,b\r1,2\r3,4\r').records.map((r) => r.line)).toEqual([1, 2, 3]);
  });

  it('skips blank lines and Excel rows of bare commas but keeps counting them', () => {
    expect(parseCsv('a,b\n\n1,2\n,,\n3,4').records.map((r) => [r.line, ...r.fields])).toEqual([
      [1, 'a', 'b'],
      [3, '1', '2'],
      [5, '3', '4'],
    ]);
  });

  it('a quote inside an unquoted field is text (12" tablet), as Excel writes it', () => {
    expect(parseCsv('a,b\n12" tablet,x').records[1]?.fields).toEqual(['12" tablet', 'x']);
  });

  it('an unterminated quote names the line where its record began', () => {
    expect(parseCsv('a,b\n1,2\n3,"never closed\n4,5\n').unterminatedQuoteLine).toBe(3);
  });

  it('sniffs the delimiter from the header: tab (Unicode text), semicolon, comma; quoted delimiters do not count', () => {
    expect(sniffDelimiter('sku\tname\tnote, with comma\n')).toBe('\t');
    expect(sniffDelimiter('sku;name;cost\n1;2,5;3')).toBe(';');
    expect(sniffDelimiter('"a;b;c",name\n')).toBe(',');
    expect(parseCsv('sku\tname\r\nA\t"x\ty"\r\n').records[1]?.fields).toEqual(['A', 'x\ty']);
  });
});
