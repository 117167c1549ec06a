/** One table row as read from a file: `line` is where it starts (CSV: physical line; XLSX: the row number Excel shows). */
export interface SheetRecord {
  line: number;
  /** Last physical line the record spans: a quoted field may hold line breaks. */
  endLine: number;
  fields: string[];
}

export type Delimiter = ',' | '\t' | ';';

export interface ParsedCsv {
  delimiter: Delimiter;
  records: SheetRecord[];
  /** Set when the file ends inside a quoted field: the line where that record began. */
  unterminatedQuoteLine: number | null;
}

/**
 * The delimiter that splits the header line the most, counted outside quotes. Excel's "Unicode text" export is
 * tab-separated, European locales write semicolons, everything else commas.
 */
export function sniffDelimiter(text: string): Delimiter {
  const counts: Record<Delimiter, number> = { ',': 0, '\t': 0, ';': 0 };
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && (ch === ',' || ch === '\t' || ch === ';')) counts[ch]++;
  }
  if (counts['\t'] > counts[','] && counts['\t'] >= counts[';']) return '\t';
  if (counts[';'] > counts[',']) return ';';
  return ',';
}

/**
 * RFC 4180 with the leniency real exports need: CRLF, LF or lone CR line ends; quotes only open a field at its start (a
 * quote inside an unquoted field is text, as Excel writes `12" tablet`); text after a closing quote is kept.
 * Records whose fields are all empty (blank lines, Excel's `,,,,`) are dropped; line numbers still count them.
 */
export function parseCsv(text: string, delimiter: Delimiter = sniffDelimiter(text)): ParsedCsv {
  const records: SheetRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let i = 0;
  let quoted = false;
  let fieldStart = true;

  const endRecord = () => {
    fields.push(field);
    if (fields.some((f) => f.trim() !== '')) records.push({ line: recordLine, endLine: line, fields });
    fields = [];
    field = '';
    fieldStart = true;
  };

  while (i < text.length) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      if (ch === '\r' || ch === '\n') {
        const crlf = ch === '\r' && text[i + 1] === '\n';
        field += crlf ? '\r\n' : ch;
        line++;
        i += crlf ? 2 : 1;
        continue;
      }
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && fieldStart) {
      quoted = true;
      fieldStart = false;
      i++;
      continue;
    }
    if (ch === delimiter) {
      fields.push(field);
      field = '';
      fieldStart = true;
      i++;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      endRecord();
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      recordLine = line;
      continue;
    }
    field += ch;
    fieldStart = false;
    i++;
  }
  const unterminatedQuoteLine = quoted ? recordLine : null;
  if (field !== '' || fields.length > 0) endRecord();
  return { delimiter, records, unterminatedQuoteLine };
}
