import ExcelJS from 'exceljs';
import { csvRecord, type RowSource, type SourceRow } from './row-source.js';

/**
 * Streams the first sheet of an `.xlsx` file; each cell becomes the text it shows
 * (numbers in their shortest form, dates as `YYYY-MM-DD[THH:MM:SS]` without an offset).
 * Never holds the workbook in memory. Empty rows are skipped.
 */
export async function readXlsx(path: string): Promise<RowSource> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  const sheets = reader[Symbol.asyncIterator]();
  const first = await sheets.next();
  if (first.done) throw new Error('the workbook has no sheet');
  const rows = (first.value as AsyncIterable<ExcelJS.Row>)[Symbol.asyncIterator]();

  let header: string[] = [];
  for (let next = await rows.next(); !next.done; next = await rows.next()) {
    header = cellTexts(next.value).map((text) => text ?? '');
    if (header.some((name) => name !== '')) break;
  }

  async function* data(): AsyncIterable<SourceRow> {
    for (let next = await rows.next(); !next.done; next = await rows.next()) {
      const values = cellTexts(next.value, header.length);
      if (values.every((value) => value === null)) continue;
      yield {
        line: next.value.number,
        values: values.slice(0, header.length),
        raw: csvRecord(values),
      };
    }
  }
  return { header, rows: data() };
}

function cellTexts(row: ExcelJS.Row, width = 0): (string | null)[] {
  const values: (string | null)[] = [];
  const count = Math.max(width, row.cellCount);
  for (let column = 1; column <= count; column++)
    values.push(displayText(row.getCell(column).value));
  return values;
}

/** The text a spreadsheet shows for a cell value, or null when empty. */
export function displayText(value: ExcelJS.CellValue): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return dateText(value);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('result' in value) return displayText(value.result as ExcelJS.CellValue);
    if ('error' in value) return String(value.error);
  }
  return String(value);
}

function dateText(date: Date): string {
  const iso = date.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19);
}
