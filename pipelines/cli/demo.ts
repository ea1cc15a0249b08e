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
import { createReporter } from './reporter.js';

const DEMO_DIR = 'fixtures/demo';
const OUT_DIR = 'out';

/**
 * `npm start`: the whole pipeline on the bundled demo data. Generates the demo files if
 * absent (deterministically), loads them, builds, writes the payout batches of the
 * complete cycles but the last, loads the late files, writes the last batch (which
 * carries what arrived late for closed cycles) and one income file per mini-program.
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
    const failed = [...main, ...late].filter((outcome) => outcome.status === 'failed').length;
    process.stdout.write(
      [
        '',
        `warehouse:  ${dbPath}`,
        `payouts:    ${written.join('\n            ')}`,
        `income:     ${incomes.join('\n            ')}`,
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
