import { readFileSync } from 'node:fs';
import * as XLSX from '@e965/xlsx';
import { csvRecord, type RowSource, type SourceRow } from './row-source.js';

/**
 * Reads the first sheet of a legacy `.xls` (BIFF) workbook with SheetJS, each cell as
 * the text it displays. The binary format cannot be streamed: the file is read whole,
 * which is why `.xls` is accepted only for the small upload contracts (creator lists,
 * materials).
 */
export async function readXls(path: string): Promise<RowSource> {
  const workbook = XLSX.read(readFileSync(path), {
    type: 'buffer',
    cellText: true,
    sheets: 0,
    dense: false,
  });
  const name = workbook.SheetNames[0];
  const sheet = name === undefined ? undefined : workbook.Sheets[name];
  if (!sheet || !sheet['!ref']) throw new Error('the workbook has no sheet');
  const range = XLSX.utils.decode_range(sheet['!ref']);

  const textAt = (row: number, column: number): string | null => {
    const cell = sheet[XLSX.utils.encode_cell({ r: row, c: column })] as
      XLSX.CellObject | undefined;
    if (!cell || cell.v === undefined || cell.v === null || cell.v === '') return null;
    return cell.w ?? String(cell.v);
  };
  const width = range.e.c - range.s.c + 1;
  const rowTexts = (row: number) =>
    Array.from({ length: width }, (_, offset) => textAt(row, range.s.c + offset));

  const header = rowTexts(range.s.r).map((text) => text ?? '');
  async function* data(): AsyncIterable<SourceRow> {
    for (let row = range.s.r + 1; row <= range.e.r; row++) {
      const values = rowTexts(row);
      if (values.every((value) => value === null)) continue;
      yield { line: row + 1, values, raw: csvRecord(values) };
    }
  }
  return { header, rows: data() };
}
