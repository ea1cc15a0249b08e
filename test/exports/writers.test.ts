import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  formatMoney,
  protectText,
  writeCsvFile,
  writeXlsxFile,
  type Column,
  type Row,
  type Sheet,
} from '../../pipelines/exports/writers.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'xinghuo-test-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

const columns: Column[] = [
  { name: 'creator_id', kind: 'text' },
  { name: 'pay_date', kind: 'date' },
  { name: 'net', kind: 'money' },
  { name: 'lines', kind: 'count' },
];

describe('formatMoney', () => {
  test.each([
    ['12.3', '12.30'],
    ['5', '5.00'],
    ['-5', '-5.00'],
    ['0.000', '0.00'],
    ['-0.004', '0.00'],
    ['-0.005', '-0.01'],
    ['-1.005', '-1.01'],
    ['2.345', '2.35'],
    ['2.3449999', '2.34'],
    ['0.995', '1.00'],
    ['.5', '0.50'],
    ['123456789012345.675', '123456789012345.68'],
  ])('rounds %s to exactly %s, half away from zero', (value, expected) => {
    expect(formatMoney(value)).toBe(expected);
  });

  test('never writes negative zero', () => {
    expect(formatMoney('-0')).toBe('0.00');
    expect(formatMoney('-0.001')).toBe('0.00');
  });

  test('rejects what is not a plain decimal number', () => {
    for (const bad of ['', '-', '.', 'abc', '1e5', '1,000.00', '1.2.3']) {
      expect(() => formatMoney(bad), bad).toThrow(/formatMoney: .* is not a plain decimal/);
    }
  });
});

describe('protectText', () => {
  test.each(['=SUM(A1)', '-x', '+x', '@x', '\tx', '\rx'])(
    'prefixes %j with a quote so a spreadsheet does not evaluate it',
    (value) => {
      expect(protectText(value)).toBe(`'${value}`);
    },
  );

  test('leaves ordinary text unchanged', () => {
    expect(protectText('abc')).toBe('abc');
    expect(protectText('a=b')).toBe('a=b');
    expect(protectText('')).toBe('');
  });
});

describe('writeCsvFile', () => {
  test('writes a header, LF endings, no BOM and quotes only fields that need it', async () => {
    const path = join(dir, 'out.csv');
    const rows: Row[] = [
      ['plain', '2025-04-01', '12.3', 2],
      ['with, comma', '2025-04-02', '5', 0],
      ['say "hi"', null, null, null],
      ['two\nlines', '2025-04-03', '0.000', 1],
    ];

    const result = await writeCsvFile(path, columns, rows);

    const bytes = readFileSync(path);
    expect(bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(false);
    expect(bytes.toString('utf8')).toBe(
      'creator_id,pay_date,net,lines\n' +
        'plain,2025-04-01,12.30,2\n' +
        '"with, comma",2025-04-02,5.00,0\n' +
        '"say ""hi""",,,\n' +
        '"two\nlines",2025-04-03,0.00,1\n',
    );
    expect(result.rows).toBe(4);
  });

  test('protects a formula-like text cell but never a negative money value', async () => {
    const path = join(dir, 'out.csv');
    await writeCsvFile(path, columns, [['=1+1', '2025-04-01', '-3.5', 1]]);

    expect(readFileSync(path, 'utf8').split('\n')[1]).toBe("'=1+1,2025-04-01,-3.50,1");
  });

  test('returns the sha256 of the bytes on disk and leaves no temporary file', async () => {
    const path = join(dir, 'out.csv');
    async function* rows(): AsyncIterable<Row> {
      for (let i = 0; i < 5000; i += 1) yield [`c_${i}`, '2025-04-01', `${i}.125`, i];
    }

    const result = await writeCsvFile(path, columns, rows());

    expect(result).toEqual({ sha256: sha256(path), rows: 5000 });
    expect(readdirSync(dir)).toEqual(['out.csv']);
  });

  test('writing the same rows twice gives the same bytes', async () => {
    const rows: Row[] = [['a', '2025-04-01', '1.005', 3]];
    const first = await writeCsvFile(join(dir, 'a.csv'), columns, rows);
    const second = await writeCsvFile(join(dir, 'b.csv'), columns, rows);

    expect(second.sha256).toBe(first.sha256);
  });

  test('a bad row fails the write and leaves neither the file nor a temporary file', async () => {
    const path = join(dir, 'out.csv');
    const rows: Row[] = [
      ['a', '2025-04-01', '1.00', 1],
      ['b', '2025-04-01', '1.2e3', 1],
    ];

    await expect(writeCsvFile(path, columns, rows)).rejects.toThrow(
      'row 2, `net`: formatMoney: `1.2e3` is not a plain decimal number',
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  test('a row with the wrong number of values is rejected with its position', async () => {
    await expect(writeCsvFile(join(dir, 'out.csv'), columns, [['a']])).rejects.toThrow(
      'row 1: has 1 values, expected 4',
    );
  });

  test('money given as a float is rejected rather than rounded through a double', async () => {
    await expect(
      writeCsvFile(join(dir, 'out.csv'), columns, [['a', '2025-04-01', 0.1, 1]]),
    ).rejects.toThrow('row 1, `net`: 0.1 must be a decimal string, not a float');
  });
});

describe('writeXlsxFile', () => {
  const sheets = (): Sheet[] => [
    {
      name: 'Summary',
      columns,
      rows: [
        ['=cmd()', '2025-04-01', '-3.5', 2],
        ['c_2', null, '1.005', 1],
      ],
      totalRow: ['Total', null, '-2.49', 3],
    },
    { name: 'Lines', columns: [{ name: 'note', kind: 'text', width: 40 }], rows: [['hello']] },
    { name: 'Exceptions', columns, rows: [] },
  ];

  test('writes one sheet per Sheet with a bold frozen header, typed cells and a total row', async () => {
    const path = join(dir, 'out.xlsx');
    await writeXlsxFile(path, sheets());

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      'Summary',
      'Lines',
      'Exceptions',
    ]);

    const summary = workbook.getWorksheet('Summary')!;
    expect(summary.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(summary.getRow(1).values).toEqual([, 'creator_id', 'pay_date', 'net', 'lines']);
    expect(summary.getCell('A1').font?.bold).toBe(true);

    expect(summary.getCell('A2').value).toBe("'=cmd()");
    expect(summary.getCell('B2').value).toBe('2025-04-01');
    expect(summary.getCell('C2').value).toBe(-3.5);
    expect(summary.getCell('C2').numFmt).toBe('0.00');
    expect(summary.getCell('D2').value).toBe(2);
    expect(summary.getCell('C3').value).toBe(1.01);
    expect(summary.getCell('B3').value).toBeNull();

    expect(summary.getRow(4).values).toEqual([, 'Total', , -2.49, 3]);
    expect(summary.getCell('A4').font?.bold).toBe(true);
    expect(summary.getCell('C4').numFmt).toBe('0.00');
    expect(summary.rowCount).toBe(4);

    const lines = workbook.getWorksheet('Lines')!;
    expect(lines.getColumn(1).width).toBe(40);
    expect(workbook.getWorksheet('Exceptions')!.rowCount).toBe(1);
  });

  test('writing the same sheets twice gives the same sha256, matching the bytes on disk', async () => {
    const first = await writeXlsxFile(join(dir, 'a.xlsx'), sheets());
    const second = await writeXlsxFile(join(dir, 'b.xlsx'), sheets());

    expect(second.sha256).toBe(first.sha256);
    expect(first.sha256).toBe(sha256(join(dir, 'a.xlsx')));
    expect(readdirSync(dir).sort()).toEqual(['a.xlsx', 'b.xlsx']);
  });

  test('stamps every zip entry with 2000-01-01 so the clock never changes the bytes', async () => {
    const path = join(dir, 'out.xlsx');
    await writeXlsxFile(path, sheets());

    const entries = zipEntryDates(readFileSync(path));
    expect(entries.length).toBeGreaterThan(5);
    for (const entry of entries) expect(entry, entry.name).toMatchObject({ date: '2000-01-01' });
  });

  test('a bad row fails the write and leaves no file behind', async () => {
    const path = join(dir, 'out.xlsx');
    const bad: Sheet = { name: 'Lines', columns, rows: [['a', '04/01/2025', '1', 1]] };

    await expect(writeXlsxFile(path, [bad])).rejects.toThrow(
      'sheet `Lines` row 1, `pay_date`: `04/01/2025` is not YYYY-MM-DD',
    );
    expect(existsSync(path) || existsSync(`${path}.tmp`)).toBe(false);
  });
});

/** Entry names and MS-DOS dates from the zip's central directory. */
function zipEntryDates(zip: Buffer): { name: string; date: string }[] {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries: { name: string; date: string }[] = [];
  for (let i = 0; i < count; i += 1) {
    const dos = zip.readUInt16LE(at + 14);
    const nameLength = zip.readUInt16LE(at + 28);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const pad = (n: number) => String(n).padStart(2, '0');
    const date = `${(dos >> 9) + 1980}-${pad((dos >> 5) & 15)}-${pad(dos & 31)}`;
    entries.push({ name, date });
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return entries;
}
