/**
 * Reading back the RFC 4180 CSV that output/csv.ts writes: quoted fields
 * (with doubled quotes, commas and line breaks inside), CRLF or LF record
 * ends, an optional final line ending. Cells stay text; the caller decides
 * what is a number.
 */

/** Records of a CSV document, each a list of cell texts. A trailing empty line is not a record. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = '';
  let i = 0;
  const n = text.length;
  const endCell = () => {
    record.push(cell);
    cell = '';
  };
  const endRecord = () => {
    endCell();
    records.push(record);
    record = [];
  };
  while (i < n) {
    const c = text[i];
    if (c === '"' && cell === '') {
      // A quoted field: up to the closing quote, "" standing for one quote.
      i++;
      while (i < n) {
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            cell += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        cell += text[i++];
      }
      continue;
    }
    if (c === ',') endCell();
    else if (c === '\r' && text[i + 1] === '\n') {
      endRecord();
      i++;
    } else if (c === '\n') endRecord();
    else cell += c;
    i++;
  }
  if (cell !== '' || record.length > 0) endRecord();
  return records;
}

/** A cell as a number: NaN for an empty cell or text; `Inf`/`-Inf` as written by formatNumber. */
export function cellNumber(s: string): number {
  if (s === '') return NaN;
  if (s === 'Inf') return Infinity;
  if (s === '-Inf') return -Infinity;
  const x = Number(s);
  return Number.isNaN(x) ? NaN : x;
}
