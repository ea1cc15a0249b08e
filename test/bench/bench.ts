import { mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { DuckDBInstance } from '@duckdb/node-api';
import { openWarehouse } from '../../pipelines/db/connection.js';
import { ensureSchema } from '../../pipelines/db/schema.js';
import { loadFile } from '../../pipelines/ingest/load-file.js';

/**
 * `npm run bench`: loads large generated files and reports rows per second and the
 * process's peak memory. ROWS (default 10 000 000) sets the CSV size, XLSX_ROWS
 * (default 200 000) the spreadsheet's.
 */
const rows = Number(process.env.ROWS ?? 10_000_000);
const xlsxRows = Number(process.env.XLSX_ROWS ?? 200_000);
const dir = '.tmp/bench';
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });

async function writeImpressionsCsv(path: string): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run(`
    copy (
        select 'imp' || i as impression_id, 'v' || (i % 5000) as video_id,
            'mp_' || (i % 14) as mini_program_id,
            strftime(timestamp '2025-04-01' + to_seconds(i % 5000000), '%Y-%m-%dT%H:%M:%S')
                || if(i % 5 = 0, 'Z', '+08:00') as occurred_at,
            '0.' || lpad((i * 7919 % 1000000)::varchar, 6, '0') as ad_revenue
        from range(${rows}) as t(i)
    ) to '${path}' (header, delimiter ',')`);
  connection.closeSync();
  instance.closeSync();
}

async function writeTargetsXlsx(path: string): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: path,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet('targets');
  sheet.addRow(['task_id', 'creator_id']).commit();
  for (let i = 0; i < xlsxRows; i++) sheet.addRow([`t${i % 100}`, `c${i}`]).commit();
  await workbook.commit();
}

async function measure(label: string, path: string): Promise<void> {
  const warehouse = await openWarehouse(join(dir, `${label}.duckdb`));
  await ensureSchema(warehouse.connection);
  const started = performance.now();
  const outcome = await loadFile(warehouse.connection, path);
  const seconds = (performance.now() - started) / 1000;
  warehouse.close();
  if (outcome.status !== 'loaded') throw new Error(`bench load failed: ${JSON.stringify(outcome)}`);
  const { rowsLoaded } = outcome.counts;
  const mb = (statSync(path).size / 1e6).toFixed(0);
  const rss = (process.resourceUsage().maxRSS / 1024).toFixed(0);
  console.log(
    `${label}: ${rowsLoaded.toLocaleString('en')} rows (${mb} MB) in ${seconds.toFixed(2)} s, ` +
      `${Math.round(rowsLoaded / seconds).toLocaleString('en')} rows/s, peak RSS so far ${rss} MB`,
  );
}

const csv = join(dir, 'ad_impressions.csv');
await writeImpressionsCsv(csv);
await measure('csv', csv);
const xlsx = join(dir, 'task_targets.xlsx');
await writeTargetsXlsx(xlsx);
await measure('xlsx', xlsx);
rmSync(dir, { recursive: true, force: true });
