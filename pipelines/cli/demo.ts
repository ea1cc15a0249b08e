import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { generateDemo } from '../../fixtures/generate.js';
import { openWarehouse, resolveDbPath } from '../db/connection.js';
import { ensureSchema } from '../db/schema.js';
import { toPlain } from '../db/values.js';
import { writeIncome } from '../income/income.js';
import { ingest } from '../ingest/ingest.js';
import { build } from '../models/build.js';
import { payout } from '../payouts/payout.js';
import { publishSnapshot } from '../reports/publish.js';
import type { EventSink } from '../util/events.js';
import { createReporter } from './reporter.js';

const DEMO_DIR = 'fixtures/demo';
const OUT_DIR = 'out';

/**
 * `npm start`: the whole pipeline on the bundled demo data. Generates the demo files if
 * absent (deterministically), loads them, builds, writes the payout batches of the
 * complete cycles but the last, loads the late files, writes the last batch (which
 * carries what arrived late for closed cycles), one income file per mini-program, the
 * dashboards' snapshot and the dashboards themselves.
 * Running it again changes nothing: every file and batch is already there.
 */
async function demo(): Promise<number> {
  const report = createReporter('text');
  if (!existsSync(DEMO_DIR)) {
    const { files } = await generateDemo(DEMO_DIR);
    report({ type: 'info', message: `generated ${files.length} demo files in ${DEMO_DIR}/` });
  }

  const dbPath = resolveDbPath(undefined);
  const warehouse = await openWarehouse(dbPath);
  const { connection } = warehouse;
  try {
    await ensureSchema(connection);
    const main = await ingest(connection, [DEMO_DIR], report);
    await build(connection, report);
    const cycles = await completeCycles(connection);
    const written: string[] = [];
    for (const cycle of cycles.slice(0, -1)) written.push(await writeBatch(connection, cycle));

    const late = await ingest(connection, [join(DEMO_DIR, 'late')], report);
    await build(connection, report);
    for (const cycle of cycles.slice(-1)) written.push(await writeBatch(connection, cycle));

    const incomes = await writeIncomes(connection);
    await publishSnapshot(connection, 'reports/snapshot');
    const reports = buildReports(report);
    const failed = [...main, ...late].filter((outcome) => outcome.status === 'failed').length;
    if (!reports) return 1;
    process.stdout.write(
      [
        '',
        `warehouse:  ${dbPath}`,
        `payouts:    ${written.join('\n            ')}`,
        `income:     ${incomes.join('\n            ')}`,
        `reports:    ${reports ? 'reports/build (open it: npm run reports:serve)' : 'not built; see the errors above'}`,
        `query it:   npm run xinghuo -- query "select * from earning_lines limit 10"`,
        failed > 0 ? `${failed} files could not be loaded; see the errors above` : '',
      ]
        .filter((line) => line !== '')
        .join('\n') + '\n',
    );
    return failed > 0 ? 1 : 0;
  } finally {
    warehouse.close();
  }
}

/** Cycles whose last accrual date has passed in the data, in order (R2). */
async function completeCycles(connection: DuckDBConnection): Promise<string[]> {
  const reader = await connection.runAndReadAll(`
    select distinct cycle_id from earning_lines
    where cycle_last_date(cycle_id) <= (select max(accrual_date) from earning_lines)
    order by cycle_id`);
  return reader.getRows().map((row) => String(row[0]));
}

async function writeBatch(connection: DuckDBConnection, cycle: string): Promise<string> {
  const outcome = await payout(connection, cycle, OUT_DIR);
  return `${outcome.csvPath} (+ .xlsx)`;
}

/**
 * Builds the Evidence site from the snapshot just published (its own process and
 * dependencies, `reports/`); its log goes to `reports/.evidence/reports-build.log` and
 * only its failures to the terminal.
 */
function buildReports(report: EventSink): boolean {
  report({ type: 'info', message: 'building the reports (about a minute)…' });
  const result = spawnSync(process.execPath, ['reports/build.mjs'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return result.status === 0;
}

async function writeIncomes(connection: DuckDBConnection): Promise<string[]> {
  const reader = await connection.runAndReadAll(`
    select mini_program_id, min(date), max(date) from developer_income
    group by mini_program_id order by mini_program_id`);
  const paths: string[] = [];
  for (const [id, from, to] of reader.getRows().map((row) => row.map(toPlain))) {
    const range = { from: String(from), to: String(to) };
    paths.push((await writeIncome(connection, String(id), range, OUT_DIR)).csvPath);
  }
  return paths;
}

process.exitCode = await demo();
