import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { openWarehouse } from '../../pipelines/db/connection.js';
import { ensureSchema } from '../../pipelines/db/schema.js';
import { runCli } from '../helpers/cli.js';
import { goodRows, table } from '../helpers/samples.js';
import { tempDir, writeCsv } from '../helpers/warehouse.js';

let scratch: ReturnType<typeof tempDir>;
beforeEach(() => (scratch = tempDir()));
afterEach(() => scratch.cleanup());

test('a process killed in the middle of a load leaves the warehouse as it was', async () => {
  const db = join(scratch.dir, 'w.duckdb');
  const videos = writeCsv(scratch.dir, 'videos.csv', table('videos', [goodRows.videos]));
  const payments = writeCsv(
    scratch.dir,
    'payments.csv',
    table(
      'payments',
      Array.from({ length: 500 }, (_, i) => ({ ...goodRows.payments, payment_id: `p${i}` })),
    ),
  );
  expect(runCli(['ingest', videos, '--db', db]).status).toBe(0);

  const crashed = runCli(['ingest', payments, '--db', db], {
    XINGHUO_CRASH_BEFORE_COMMIT: 'payments',
  });
  // tsx runs the command in a child node process and reports its SIGKILL as 137
  expect(crashed.signal === 'SIGKILL' || crashed.status === 137).toBe(true);

  const warehouse = await openWarehouse(db);
  await ensureSchema(warehouse.connection);
  const count = async (sql: string) =>
    Number((await warehouse.connection.runAndReadAll(sql)).getRows()[0]![0]);
  expect(await count('select count(*) from landing.payments')).toBe(0);
  expect(await count(`select count(*) from loads where contract = 'payments'`)).toBe(0);
  expect(await count('select count(*) from rejected_rows')).toBe(0);
  expect(await count('select count(*) from landing.videos')).toBe(1);
  warehouse.close();

  const again = runCli(['ingest', payments, '--db', db]);
  expect(again.status).toBe(0);
  expect(again.stderr).toContain('payments.csv: 500 read, 500 loaded, 0 skipped, 0 rejected');
});
