/**
 * CSV and XLSX writers for the output files (CONTRACTS.md "Output files"). Both stream rows
 * to `path.tmp` and rename at the end, so a reader never sees half a file, and both are
 * byte-reproducible: the same rows give the same sha256.
 */
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream, renameSync, rmSync, type WriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import ExcelJS from 'exceljs';

export type ColumnKind = 'text' | 'money' | 'date' | 'count';

export interface Column {
  name: string;
  kind: ColumnKind;
  width?: number;
}

/**
 * One row: values by column position. money: exact decimal string like '12.3', '-5',
 * '0.000'; date: 'YYYY-MM-DD'; count: number; text: string; any may be null (written empty).
 */
export type Row = (string | number | null)[];

export interface Sheet {
  name: string;
  columns: Column[];
  rows: Iterable<Row> | AsyncIterable<Row>;
  totalRow?: Row;
}

/**
 * Rounds a decimal string to two places, half away from zero, on its digits (never through
 * a float). No grouping, `-` only when the rounded value is not zero. Rejects exponents.
 */
export function formatMoney(value: string): string {
  const match = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(value.trim());
  if (!match || !(match[2] || match[3])) {
    throw new Error(`formatMoney: \`${value}\` is not a plain decimal number`);
  }
  const [, sign, whole = '', fraction = ''] = match;
  const digits = fraction.padEnd(3, '0');
  let cents = BigInt((whole || '0') + digits.slice(0, 2));
  if (digits.charCodeAt(2) >= 53) cents += 1n; // third decimal ≥ '5': away from zero
  const text = cents.toString().padStart(3, '0');
  const negative = sign === '-' && cents !== 0n;
  return `${negative ? '-' : ''}${text.slice(0, -2)}.${text.slice(-2)}`;
}

/** Prefixes `'` to text a spreadsheet would otherwise evaluate as a formula. */
export function protectText(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/**
 * Writes a CSV (UTF-8, no BOM, LF, header row, minimal quoting) without holding the rows in
 * memory. Rows are written in the order given; sorting is the caller's job.
 */
export async function writeCsvFile(
  path: string,
  columns: Column[],
  rows: Iterable<Row> | AsyncIterable<Row>,
): Promise<{ sha256: string; rows: number }> {
  const hash = createHash('sha256');
  let count = 0;

  async function* chunks() {
    let buffer = columns.map((column) => csvField(column.name)).join(',') + '\n';
    for await (const row of rows) {
      count += 1;
      buffer += rowTexts(row, columns, `row ${count}`).map(csvField).join(',') + '\n';
      if (buffer.length >= 65_536) {
        yield take(buffer);
        buffer = '';
      }
    }
    yield take(buffer);
  }
  const take = (text: string) => {
    const bytes = Buffer.from(text, 'utf8');
    hash.update(bytes);
    return bytes;
  };

  await atomically(path, async (tmp) => pipeline(chunks(), await openOutput(tmp)));
  return { sha256: hash.digest('hex'), rows: count };
}

/**
 * Writes one worksheet per sheet with exceljs's streaming writer: bold frozen header, money
 * as numbers formatted `0.00`, dates kept as text so no time zone can shift them, and an
 * optional bold total row. Zip entry times and document dates are pinned for reproducibility.
 */
export async function writeXlsxFile(path: string, sheets: Sheet[]): Promise<{ sha256: string }> {
  if (sheets.length === 0) throw new Error(`writeXlsxFile: \`${path}\` needs at least one sheet`);

  await atomically(path, async (tmp) => {
    const out = await openOutput(tmp);
    try {
      await writeWorkbook(out, sheets);
    } finally {
      out.destroy();
    }
  });

  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return { sha256: hash.digest('hex') };
}

const FIXED_DATE = new Date('2000-01-01T00:00:00Z');
const DEFAULT_WIDTH: Record<ColumnKind, number> = { text: 16, money: 14, date: 12, count: 10 };

/** Streams the sheets through exceljs into `out`, resolving once the file is closed. */
async function writeWorkbook(out: WriteStream, sheets: Sheet[]): Promise<void> {
  const workbook = new PinnedWorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  pinZipDates(workbook); // no-op unless exceljs stops appending in its constructor
  workbook.creator = 'xinghuo';
  workbook.lastModifiedBy = 'xinghuo';
  workbook.created = FIXED_DATE;
  workbook.modified = FIXED_DATE;

  // One sheet at a time: the zip takes entries in order, so a sheet opened early would buffer.
  for (const sheet of sheets) {
    const worksheet = workbook.addWorksheet(sheet.name, {
      views: [{ state: 'frozen', ySplit: 1 }],
    });
    worksheet.columns = sheet.columns.map((column) => ({
      width: column.width ?? Math.max(DEFAULT_WIDTH[column.kind], column.name.length + 2),
    }));
    const header = worksheet.addRow(sheet.columns.map((column) => column.name));
    header.font = { bold: true };
    header.commit();

    let count = 0;
    for await (const row of sheet.rows) {
      count += 1;
      addXlsxRow(worksheet, sheet, row, `sheet \`${sheet.name}\` row ${count}`, false);
      if (count % 1000 === 0) await drained(worksheet);
    }
    if (sheet.totalRow) addXlsxRow(worksheet, sheet, sheet.totalRow, 'total row', true);
    worksheet.commit();
  }

  await workbook.commit();
  if (!out.closed) await once(out, 'close');
}

/**
 * exceljs hands sheet data to the zip without heeding backpressure, so a fast row source
 * would pile bytes up in memory ahead of the deflater; wait for them to drain. The zip's
 * streams come from `readable-stream` 2, hence `_writableState` rather than `writableNeedDrain`.
 */
async function drained(worksheet: ExcelJS.Worksheet): Promise<void> {
  const stream = (worksheet as unknown as { stream?: { pipes?: ZipEntryInput[] } }).stream;
  const sink = stream?.pipes?.[0];
  if (sink && (sink.writableNeedDrain ?? sink._writableState?.needDrain)) await once(sink, 'drain');
  else await new Promise((resolve) => setImmediate(resolve));
}

type ZipEntryInput = Writable & { _writableState?: { needDrain?: boolean } };

/** Writes to `path.tmp`, then renames; removes the temporary file if writing fails. */
/**
 * Opens a file for writing and waits until it exists, so that a failure later can remove
 * it: a stream still opening when its writer fails would create the file afterwards.
 */
async function openOutput(path: string): Promise<WriteStream> {
  const stream = createWriteStream(path);
  await once(stream, 'open');
  return stream;
}

async function atomically(path: string, write: (tmp: string) => Promise<unknown>): Promise<void> {
  const tmp = `${path}.tmp`;
  try {
    await write(tmp);
    renameSync(tmp, path);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
}

/**
 * exceljs's streaming writer appends zip entries without a date, which `archiver` fills with
 * `new Date()`. The constructor already appends two entries, so the zip is pinned from the
 * first of them on: every entry gets the fixed date.
 */
class PinnedWorkbookWriter extends ExcelJS.stream.xlsx.WorkbookWriter {
  override addThemes() {
    pinZipDates(this);
    return super.addThemes();
  }

  override addOfficeRels() {
    pinZipDates(this);
    return super.addOfficeRels();
  }
}

interface ZipAppender {
  append(source: unknown, data: { name: string; date?: Date }): unknown;
}

const pinned = new WeakSet<ZipAppender>();

function pinZipDates(workbook: ExcelJS.stream.xlsx.WorkbookWriter): void {
  const zip = (workbook as unknown as { zip?: ZipAppender }).zip;
  if (typeof zip?.append !== 'function') {
    throw new Error('writeXlsxFile: exceljs no longer exposes its zip; cannot pin entry dates');
  }
  if (pinned.has(zip)) return;
  const append = zip.append.bind(zip);
  zip.append = (source, data) => append(source, { ...data, date: FIXED_DATE });
  pinned.add(zip);
}

function addXlsxRow(
  worksheet: ExcelJS.Worksheet,
  sheet: Sheet,
  row: Row,
  where: string,
  bold: boolean,
): void {
  const texts = rowTexts(row, sheet.columns, where);
  const added = worksheet.addRow(texts.map((text, i) => xlsxValue(text, sheet.columns[i]!)));
  sheet.columns.forEach((column, i) => {
    if (column.kind === 'money') added.getCell(i + 1).numFmt = '0.00';
  });
  if (bold) added.font = { bold: true };
  added.commit();
}

function xlsxValue(text: string, column: Column): string | number | null {
  if (text === '') return null;
  return column.kind === 'money' || column.kind === 'count' ? Number(text) : text;
}

/** The row's cells as CSV text before quoting; a bad value fails with its row and column. */
function rowTexts(row: Row, columns: Column[], where: string): string[] {
  if (row.length !== columns.length) {
    throw new Error(`${where}: has ${row.length} values, expected ${columns.length}`);
  }
  return columns.map((column, i) => {
    try {
      return cellText(row[i] ?? null, column.kind);
    } catch (error) {
      throw new Error(`${where}, \`${column.name}\`: ${(error as Error).message}`);
    }
  });
}

function cellText(value: string | number | null, kind: ColumnKind): string {
  if (value === null) return '';
  switch (kind) {
    case 'text':
      return protectText(String(value));
    case 'money':
      if (typeof value === 'number' && !Number.isSafeInteger(value)) {
        throw new Error(`${value} must be a decimal string, not a float`);
      }
      return formatMoney(String(value));
    case 'date':
      if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) {
        throw new Error(`\`${value}\` is not YYYY-MM-DD`);
      }
      return value;
    case 'count':
      if (!(typeof value === 'number' ? Number.isSafeInteger(value) : /^-?\d+$/.test(value))) {
        throw new Error(`\`${value}\` is not an integer`);
      }
      return String(value);
  }
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
