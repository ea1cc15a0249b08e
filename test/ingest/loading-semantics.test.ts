import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { goodRows, table } from '../helpers/samples.js';
import { TestWarehouse, writeCsv } from '../helpers/warehouse.js';

let db: TestWarehouse;
beforeEach(async () => (db = await TestWarehouse.open()));
afterEach(() => db.close());

const payment = goodRows.payments;

describe('event files', () => {
  test('ingesting the same file again changes nothing', async () => {
    const path = writeCsv(db.dir, 'payments.csv', table('payments', [payment]));
    await db.ingest(path);
    const [again] = await db.ingest(path);
    expect(again).toMatchObject({ status: 'skipped' });
    expect(await db.value('select count(*) from loads')).toBe(1);
    expect(await db.value('select count(*) from landing.payments')).toBe(1);
  });

  test('a row seen before in another file is skipped, however its values are written', async () => {
    await db.ingest(writeCsv(db.dir, 'payments.csv', table('payments', [payment])));
    const rewritten = { ...payment, paid_at: '2025-04-05T02:00:00Z', amount: '1000' };
    const [outcome] = await db.ingest(
      writeCsv(db.dir, 'payments-2.csv', table('payments', [rewritten])),
    );
    expect(outcome).toMatchObject({ counts: { rowsLoaded: 0, rowsSkipped: 1, rowsRejected: 0 } });
  });

  test('a known key with other values is rejected as a conflict naming the load and line', async () => {
    await db.ingest(writeCsv(db.dir, 'payments.csv', table('payments', [payment])));
    const changed = { ...payment, amount: '999.00' };
    const [outcome] = await db.ingest(
      writeCsv(db.dir, 'payments-2.csv', table('payments', [changed])),
    );
    expect(outcome).toMatchObject({ counts: { rowsLoaded: 0, rowsRejected: 1 } });
    expect(await db.value('select reason from rejected_rows')).toBe(
      'conflicts with the row already loaded for this key (load 1, line 2): differs in `amount`',
    );
    expect(await db.value('select amount from landing.payments')).toBe('1000.00');
  });

  test('within a file the earlier line wins; an equal repeat is skipped', async () => {
    const rows = [payment, { ...payment, amount: '1.00' }, { ...payment }];
    const [outcome] = await db.ingest(writeCsv(db.dir, 'payments.csv', table('payments', rows)));
    expect(outcome).toMatchObject({
      counts: { rowsRead: 3, rowsLoaded: 1, rowsSkipped: 1, rowsRejected: 1 },
    });
    expect(await db.rows('select line, reason from rejected_rows')).toEqual([
      {
        line: 3,
        reason: 'conflicts with line 2 of this file, which has this key: differs in `amount`',
      },
    ]);
  });

  test('R11: (lead_id, event) is the key of a lead', async () => {
    const lead = goodRows.leads;
    const rows = [lead, { ...lead, event: 'activated', occurred_at: '2025-04-06T10:00:00+08:00' }];
    const [outcome] = await db.ingest(writeCsv(db.dir, 'leads.csv', table('leads', rows)));
    expect(outcome).toMatchObject({ counts: { rowsLoaded: 2 } });
  });

  test('columns may come in any order; extra columns are ignored and reported; a BOM is tolerated', async () => {
    const path = writeCsv(db.dir, 'payments.csv', [
      ['\uFEFFamount', 'note', 'paid_at', 'mini_program_id', 'video_id', 'payment_id'],
      ['12.30', 'hello', '2025-04-05T10:00:00+08:00', 'mp1', 'v1', 'p9'],
    ]);
    const [outcome] = await db.ingest(path);
    expect(outcome).toMatchObject({ counts: { rowsLoaded: 1, ignoredColumns: ['note'] } });
    expect(
      await db.rows('select payment_id, amount, ignored_columns from landing.payments, loads'),
    ).toEqual([{ payment_id: 'p9', amount: '12.30', ignored_columns: ['note'] }]);
  });

  test('values are trimmed and empty means absent', async () => {
    const path = writeCsv(db.dir, 'account_movements.csv', [
      ['movement_id', 'developer_id', 'kind', 'amount', 'occurred_at', 'reference'],
      ['  mv1 ', 'dev1', ' recharge', '5 ', '2025-04-01T09:00:00+08:00', '   '],
    ]);
    await db.ingest(path);
    expect(
      await db.rows('select movement_id, amount, reference from landing.account_movements'),
    ).toEqual([{ movement_id: 'mv1', amount: '5.00', reference: null }]);
  });

  test('a record with the wrong number of fields is rejected with its raw text', async () => {
    const path = join(db.dir, 'settlements.csv');
    writeCsv(db.dir, 'settlements.csv', [
      ['payment_id', 'settled_at'],
      ['p1', '2025-04-08T10:00:00Z'],
    ]);
    const { appendFileSync } = await import('node:fs');
    appendFileSync(path, 'p2\np3,2025-04-08T10:00:00Z,extra\np4,2025-04-08T10:00:00Z\n');
    const [outcome] = await db.ingest(path);
    expect(outcome).toMatchObject({ counts: { rowsRead: 4, rowsLoaded: 2, rowsRejected: 2 } });
    expect(await db.rows('select line, reason, raw from rejected_rows order by line')).toEqual([
      { line: 3, reason: 'the record has fewer fields than the header', raw: 'p2' },
      {
        line: 4,
        reason: 'the record has more fields than the header',
        raw: 'p3,2025-04-08T10:00:00Z,extra',
      },
    ]);
    expect(
      await db.rows('select payment_id, _line from landing.settlements order by _line'),
    ).toEqual([
      { payment_id: 'p1', _line: 2 },
      { payment_id: 'p4', _line: 5 },
    ]);
  });
});

describe('reference files', () => {
  test('an audit moving from pending to passed keeps both states queryable', async () => {
    const pending = { ...goodRows.videos, audit_status: 'pending', audited_at: '' };
    await db.ingest(writeCsv(db.dir, 'videos.csv', table('videos', [pending])));
    await db.ingest(writeCsv(db.dir, 'videos-2.csv', table('videos', [goodRows.videos])));
    expect(
      await db.rows('select audit_status, _load_id from landing.videos order by _load_id'),
    ).toEqual([
      { audit_status: 'pending', _load_id: 1 },
      { audit_status: 'passed', _load_id: 2 },
    ]);
  });

  test('a row equal to the current version is skipped; the last line of a file is current', async () => {
    const video = goodRows.videos;
    await db.ingest(writeCsv(db.dir, 'videos.csv', table('videos', [video])));
    const rejected = { ...video, audit_status: 'rejected' };
    const [outcome] = await db.ingest(
      writeCsv(db.dir, 'videos-2.csv', table('videos', [video, rejected, rejected])),
    );
    expect(outcome).toMatchObject({ counts: { rowsLoaded: 1, rowsSkipped: 2 } });
    const current = await db.value(
      'select audit_status from landing.videos order by _load_id desc, _line desc limit 1',
    );
    expect(current).toBe('rejected');
  });

  test('task targets are a set: repeats, in a file or across files, are skipped', async () => {
    const target = goodRows.task_targets;
    await db.ingest(writeCsv(db.dir, 'task_targets.csv', table('task_targets', [target, target])));
    const [outcome] = await db.ingest(
      writeCsv(db.dir, 'task_targets-2.csv', table('task_targets', [target])),
    );
    expect(outcome).toMatchObject({ counts: { rowsLoaded: 0, rowsSkipped: 1 } });
    expect(await db.value('select count(*) from landing.task_targets')).toBe(1);
  });
});

describe('files', () => {
  test('a file missing a required column loads nothing and names the file and column', async () => {
    const path = writeCsv(db.dir, 'payments.csv', [
      ['payment_id', 'video_id'],
      ['p1', 'v1'],
    ]);
    const [outcome] = await db.ingest(path);
    expect(outcome).toEqual({
      status: 'failed',
      file: 'payments.csv',
      error:
        '`payments.csv`: missing required columns `mini_program_id`, `paid_at`, `amount` in the header',
    });
    expect(await db.value('select count(*) from loads')).toBe(0);
    expect(await db.value('select error from load_failures')).toContain('missing required columns');
  });

  test('a file named after no contract fails on its own; the others still load', async () => {
    const unknown = writeCsv(db.dir, 'orders.csv', [['a'], ['1']]);
    const good = writeCsv(db.dir, 'payments.csv', table('payments', [payment]));
    const outcomes = await db.ingest(unknown, good);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['failed', 'loaded']);
    expect(outcomes[0]).toMatchObject({
      error: expect.stringContaining('no contract is named `orders`'),
    });
  });

  test('a format the contract does not allow fails', async () => {
    const path = join(db.dir, 'payments.xlsx');
    copyFileSync(writeCsv(db.dir, 'x.csv', [['a']]), path);
    const [outcome] = await db.ingest(path);
    expect(outcome).toMatchObject({
      status: 'failed',
      error: expect.stringContaining('comes as .csv'),
    });
  });

  test('a folder loads its files in byte-wise order of their names', async () => {
    const folder = join(db.dir, 'drop');
    writeCsv(
      folder,
      'videos.csv',
      table('videos', [{ ...goodRows.videos, audit_status: 'pending', audited_at: '' }]),
    );
    writeCsv(folder, 'videos-late.csv', table('videos', [goodRows.videos]));
    await db.ingest(folder);
    expect(await db.rows('select file_name from loads order by load_id')).toEqual([
      { file_name: 'videos-late.csv' },
      { file_name: 'videos.csv' },
    ]);
  });
});
