import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { goodRows, table } from '../helpers/samples.js';
import { writeXls, writeXlsx } from '../helpers/spreadsheets.js';
import { TestWarehouse } from '../helpers/warehouse.js';

let db: TestWarehouse;
beforeEach(async () => (db = await TestWarehouse.open()));
afterEach(() => db.close());

const material = goodRows.materials;

describe('spreadsheets', () => {
  test('R26: an xlsx of materials counts every row as accepted or rejected, with its reason', async () => {
    const rows = table('materials', [
      material,
      { ...material, url: 'https://pan.baidu.com/s/ep41', episode: '41' },
      { ...material, url: 'ftp://example.com/x' },
      { ...material, url: 'https://pan.baidu.com/s/ep40', episode: '40' },
    ]);
    const path = await writeXlsx(db.dir, 'materials.xlsx', rows, true);
    const [outcome] = await db.ingest(path);
    expect(outcome).toMatchObject({
      status: 'loaded',
      counts: { rowsRead: 4, rowsLoaded: 2, rowsRejected: 2 },
    });
    expect(await db.rows('select line, reason from rejected_rows order by line')).toEqual([
      { line: 3, reason: '`episode`: 41 is outside the free first half 1–40 of 80 (R26)' },
      { line: 4, reason: '`url`: is not an `http` or `https` link (R26) (`ftp://example.com/x`)' },
    ]);
  });

  test('xlsx cells are read as the text they show: numbers, and blank rows skipped', async () => {
    const path = await writeXlsx(db.dir, 'materials.xlsx', [
      ['task_id', 'url', 'episode', 'series_episodes'],
      ['t1', 'https://a.example/1', 3, 10],
      [null, null, null, null],
      ['t1', 'https://a.example/2', null, null],
    ]);
    const [outcome] = await db.ingest(path);
    expect(outcome).toMatchObject({ counts: { rowsRead: 2, rowsLoaded: 2 } });
    expect(
      await db.rows('select episode, series_episodes, _line from landing.materials order by _line'),
    ).toEqual([
      { episode: 3, series_episodes: 10, _line: 2 },
      { episode: null, series_episodes: null, _line: 4 },
    ]);
  });

  test('R9: a batch creator list arrives as xls (the legacy binary format)', async () => {
    const rows = [
      ['task_id', 'creator_id'],
      ['t1', 'c1'],
      ['t1', 'c2'],
      ['t1', 'bad id'],
      ['t1', 'c1'],
    ];
    const [outcome] = await db.ingest(writeXls(db.dir, 'task_targets-batch.xls', rows));
    expect(outcome).toMatchObject({
      status: 'loaded',
      counts: { rowsRead: 4, rowsLoaded: 2, rowsSkipped: 1, rowsRejected: 1 },
    });
    expect(await db.value('select reason from rejected_rows')).toContain(
      '`creator_id`: is not an id',
    );
  });

  test('an xls of materials with a missing column fails naming the file and column', async () => {
    const [outcome] = await db.ingest(writeXls(db.dir, 'materials.xls', [['task_id'], ['t1']]));
    expect(outcome).toMatchObject({
      status: 'failed',
      error: '`materials.xls`: missing required column `url` in the header',
    });
  });

  test('R25: tasks arrive as xlsx and break the upload rules row by row', async () => {
    const task = goodRows.tasks;
    const rows = table('tasks', [
      task,
      { ...task, task_id: 't2', title: '这是一个非常非常长的任务标题超过十五个字' },
      { ...task, task_id: 't3', reference_videos: '' },
      {
        ...task,
        task_id: 't4',
        reference_videos:
          'https://v.kuaishou.com/a https://v.kuaishou.com/b https://v.kuaishou.com/c https://v.kuaishou.com/d',
      },
      { ...task, task_id: 't5', reference_videos: 'https://example.com/abc' },
      { ...task, task_id: 't6', page_path: 'https://evil.example/page' },
      { ...task, task_id: 't7', starts_at: task.ends_at! },
    ]);
    const [outcome] = await db.ingest(await writeXlsx(db.dir, 'tasks.xlsx', rows));
    expect(outcome).toMatchObject({ counts: { rowsLoaded: 1, rowsRejected: 6 } });
    const reasons = (await db.rows('select reason from rejected_rows order by line')).map(
      (row) => row.reason,
    );
    expect(reasons).toEqual([
      '`title`: 20 characters, at most 15 (R25)',
      '`reference_videos`: is missing',
      '`reference_videos`: 4 links, need 1–3 (R25)',
      '`reference_videos`: `https://example.com/abc` is not https://v.kuaishou.com/… (R25)',
      '`page_path`: must be a path inside the mini-program, not a URL (R25)',
      '`starts_at`: must be before `ends_at` (R25)',
    ]);
  });
});

describe('JSON Lines', () => {
  test('leads.jsonl: every value must be a string or null; bad lines are kept whole', async () => {
    const lead = goodRows.leads;
    const lines = [
      JSON.stringify(lead),
      '',
      JSON.stringify({ ...lead, lead_id: 'l2', occurred_at: 20250405 }),
      '{not json',
      JSON.stringify({ ...lead, lead_id: 'l3', event: null }),
      JSON.stringify({ ...lead, lead_id: 'l4', channel: 'ads' }),
    ];
    const path = join(db.dir, 'leads.jsonl');
    writeFileSync(path, lines.join('\n') + '\n');
    const [outcome] = await db.ingest(path);
    expect(outcome).toMatchObject({
      counts: { rowsRead: 5, rowsLoaded: 2, rowsRejected: 3, ignoredColumns: ['channel'] },
    });
    expect(await db.rows('select line, reason, raw from rejected_rows order by line')).toEqual([
      { line: 3, reason: '`occurred_at`: values must be JSON strings or null', raw: lines[2] },
      { line: 4, reason: 'the line is not valid JSON', raw: '{not json' },
      { line: 5, reason: '`event`: is missing', raw: lines[4] },
    ]);
  });
});
