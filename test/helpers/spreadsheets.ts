import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import ExcelJS from 'exceljs';

type Cell = string | number | Date | null;

/** Writes a real `.xlsx` workbook with exceljs; the first sheet holds `rows`. */
export async function writeXlsx(
  dir: string,
  name: string,
  rows: Cell[][],
  extraSheet = false,
): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('data');
  for (const row of rows) sheet.addRow(row);
  if (extraSheet) workbook.addWorksheet('notes').addRow(['ignored']);
  const path = join(dir, name);
  await workbook.xlsx.writeFile(path);
  return path;
}

/** Writes a real legacy `.xls` (BIFF8) workbook with SheetJS. */
export function writeXls(dir: string, name: string, rows: Cell[][]): string {
  const workbook = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(workbook, XLSX.utils.aoa_to_sheet(rows), 'data');
  const path = join(dir, name);
  writeFileSync(path, XLSX.write(workbook, { type: 'buffer', bookType: 'xls' }) as Buffer);
  return path;
}
