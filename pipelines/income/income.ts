import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { sqlString } from '../contracts/fields.js';
import { toPlain } from '../db/values.js';
import { writeCsvFile, writeXlsxFile, type Column, type Row } from '../exports/writers.js';
import { build, needsBuild } from '../models/build.js';
import { UserError } from '../util/errors.js';
import { silent, type EventSink } from '../util/events.js';

/** `income_MINI_PROGRAM_FROM_TO.csv`, in CONTRACTS.md's order (R17). */
export const INCOME_COLUMNS: Column[] = [
  { name: 'date', kind: 'date' },
  { name: 'task_id', kind: 'text' },
  { name: 'task_type', kind: 'text' },
  { name: 'ad_revenue', kind: 'money' },
  { name: 'settlement', kind: 'money' },
  { name: 'refunds_after_settlement', kind: 'money' },
  { name: 'leads', kind: 'count' },
  { name: 'creator_commission', kind: 'money' },
  { name: 'platform_fee', kind: 'money' },
  { name: 'developer_net', kind: 'money' },
];

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function checkDate(flag: string, value: string | undefined): string {
  if (!value) throw new UserError(`income: --${flag} DATE is required`);
  const valid = DATE.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
  if (!valid || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
    throw new UserError(`income: --${flag} \`${value}\` is not a date YYYY-MM-DD`);
  }
  return value;
}

/**
 * Writes a mini-program's income detail, one row per (local date, task) with any
 * activity between `from` and `to` inclusive, as CSV and a one-sheet xlsx with a totals
 * row. Builds first when anything changed since the last build.
 */
export async function writeIncome(
  connection: DuckDBConnection,
  miniProgramId: string,
  range: { from?: string; to?: string },
  outDir: string,
  onEvent: EventSink = silent,
): Promise<{ csvPath: string; xlsxPath: string; rows: number }> {
  const from = checkDate('from', range.from);
  const to = checkDate('to', range.to);
  if (from > to) throw new UserError(`income: --from ${from} is after --to ${to}`);

  const known = await connection.runAndReadAll(
    `select 1 from landing.mini_programs where mini_program_id = ${sqlString(miniProgramId)}`,
  );
  if (known.getRows().length === 0) {
    throw new UserError(`income: no mini-program \`${miniProgramId}\` is loaded`);
  }
  if (await needsBuild(connection)) await build(connection, onEvent);

  const where = `mini_program_id = ${sqlString(miniProgramId)}
      and date between date ${sqlString(from)} and date ${sqlString(to)}`;
  const names = INCOME_COLUMNS.map((column) => column.name).join(', ');
  const rows = await readRows(
    connection,
    `select ${names} from developer_income where ${where} order by all`,
  );
  const [total] = await readRows(
    connection,
    `select null, 'total', null, coalesce(sum(ad_revenue), 0), coalesce(sum(settlement), 0),
        coalesce(sum(refunds_after_settlement), 0), coalesce(sum(leads), 0),
        coalesce(sum(creator_commission), 0), coalesce(sum(platform_fee), 0),
        coalesce(sum(developer_net), 0)
     from developer_income where ${where}`,
  );

  mkdirSync(outDir, { recursive: true });
  const stem = `income_${miniProgramId}_${from}_${to}`;
  const csvPath = join(outDir, `${stem}.csv`);
  const xlsxPath = join(outDir, `${stem}.xlsx`);
  await writeCsvFile(csvPath, INCOME_COLUMNS, rows);
  await writeXlsxFile(xlsxPath, [
    { name: 'Income', columns: INCOME_COLUMNS, rows, totalRow: total! },
  ]);
  return { csvPath, xlsxPath, rows: rows.length };
}

async function readRows(connection: DuckDBConnection, sql: string): Promise<Row[]> {
  const reader = await connection.runAndReadAll(sql);
  return reader
    .getRows()
    .map((row) => row.map((value) => toPlain(value) as string | number | null));
}
