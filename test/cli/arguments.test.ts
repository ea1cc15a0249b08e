import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { goodRows, table } from '../helpers/samples.js';
import { tempDir, writeCsv } from '../helpers/warehouse.js';

let scratch: ReturnType<typeof tempDir>;
let db: string;
beforeAll(() => {
  scratch = tempDir();
  db = join(scratch.dir, 'w.duckdb');
});
afterAll(() => scratch.cleanup());

const oneLine = (text: string) => text.trim().split('\n').length === 1;

describe('wrong arguments exit 1 with one line, never a stack trace', () => {
  test.each([
    [['frobnicate'], 'unknown command `frobnicate`'],
    [['ingest'], 'ingest: name at least one file or folder'],
    [['ingest', '--bogus', 'x'], "unknown option '--bogus'"],
    [['query'], 'query: give exactly one SQL statement'],
    [
      ['query', 'select 1', '--format', 'xml'],
      '--format: `xml` is not one of table, csv, json, parquet',
    ],
    [['query', 'select 1', '--format', 'parquet'], 'needs --out FILE'],
    [['query', 'select 1', '--db', '/nonexistent/w.duckdb'], 'no warehouse at'],
    [['ingest', 'x', '--log-format', 'xml'], '--log-format: `xml` is not one of text, json'],
    [['build', 'extra'], 'build: takes no arguments'],
    [['payout', '2025-04-A'], 'payout: --out DIR is required'],
    [['payout', '2025-13-A', '--out', 'OUT', '--db', 'DB'], '`2025-13-A` is not a cycle'],
    [['payout'], 'payout: name exactly one cycle'],
    [['income', 'mp1', '--out', 'OUT'], 'income: --from DATE is required'],
    [
      ['income', 'mp1', '--from', '2025-13-01', '--to', '2025-04-01', '--out', 'OUT', '--db', 'DB'],
      'is not a date',
    ],
    [
      [
        'income',
        'nope',
        '--from',
        '2025-04-01',
        '--to',
        '2025-04-30',
        '--out',
        'OUT',
        '--db',
        'DB',
      ],
      'no mini-program `nope` is loaded',
    ],
    [['serve'], 'serve: not available'],
  ])('xinghuo %j', (args, message) => {
    const result = runCli(
      args.map((arg) => (arg === 'DB' ? db : arg === 'OUT' ? join(scratch.dir, 'out') : arg)),
    );
    expect(result.status).toBe(1);
    expect(oneLine(result.stderr)).toBe(true);
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  test.each(['ingest', 'query', 'build', 'payout', 'income', 'serve'])(
    'xinghuo %s --help',
    (name) => {
      const result = runCli([name, '--help']);
      expect(result.status).toBe(0);
      expect(result.stdout).toContain(`xinghuo ${name}`);
    },
  );
});

describe('ingest and query', () => {
  test('a file missing a required column: exit 1, the message names the file and column', () => {
    const path = writeCsv(scratch.dir, 'refunds.csv', [
      ['refund_id', 'payment_id', 'refunded_at'],
      ['r1', 'p1', '2025-04-06T10:00:00Z'],
    ]);
    const good = writeCsv(
      scratch.dir,
      'settlements.csv',
      table('settlements', [goodRows.settlements]),
    );
    const result = runCli(['ingest', path, good, '--db', db]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'error: `refunds.csv`: missing required column `amount` in the header',
    );
    expect(result.stderr).toContain('settlements.csv: 1 read, 1 loaded');
  });

  test('query prints csv, json lines and writes parquet, read-only', () => {
    const csv = runCli([
      'query',
      'select payment_id, settled_at from landing.settlements',
      '--format',
      'csv',
      '--db',
      db,
    ]);
    expect(csv.stdout).toBe('payment_id,settled_at\np1,2025-04-08T10:00:00+08:00\n');
    const json = runCli([
      'query',
      'select count(*) as n, 1.10::decimal(18,2) as m',
      '--format',
      'json',
      '--db',
      db,
    ]);
    expect(JSON.parse(json.stdout)).toEqual({ n: 1, m: '1.10' });
    const out = join(scratch.dir, 'loads.parquet');
    expect(
      runCli(['query', 'select * from loads', '--format', 'parquet', '--out', out, '--db', db])
        .status,
    ).toBe(0);
    const back = runCli([
      'query',
      `select count(*) as n from '${out}'`,
      '--format',
      'csv',
      '--db',
      db,
    ]);
    expect(back.stdout).toBe('n\n1\n');
    const write = runCli(['query', 'delete from loads', '--db', db]);
    expect(write.status).toBe(1);
    expect(write.stderr).toMatch(/read-only/i);
  });

  test('--log-format json prints one JSON object per event', () => {
    const path = writeCsv(scratch.dir, 'refunds-2.csv', table('refunds', [goodRows.refunds]));
    const result = runCli(['ingest', path, '--db', db, '--log-format', 'json']);
    const events = result.stderr
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(events.map((event) => event.step ?? event.type)).toEqual([
      'file.started',
      'reading',
      'checking',
      'merging',
      'file.loaded',
    ]);
    expect(events.at(-1).result).toMatchObject({ rowsLoaded: 1 });
  });
});
