import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { sqlString } from '../contracts/fields.js';
import { toPlain } from '../db/values.js';
import { writeCsvFile, writeXlsxFile, type Row } from '../exports/writers.js';
import {
  EXCEPTION_COLUMNS,
  EXCEPTION_SELECT,
  LINE_COLUMNS,
  LINE_SELECT,
  RECONCILIATION_COLUMNS,
  SUMMARY_COLUMNS,
  SUMMARY_SELECT,
} from './layout.js';

export interface BatchFiles {
  csvPath: string;
  xlsxPath: string;
  sha256: string;
  xlsxSha256: string;
}

/**
 * Writes `payout_CYCLE.csv` and `.xlsx` from the stored batch alone (never from the
 * marts), so writing a closed cycle again gives the same bytes whatever arrived since.
 * Rows are sorted by their columns in order, text byte-wise.
 */
export async function writeBatchFiles(
  connection: DuckDBConnection,
  cycle: string,
  outDir: string,
): Promise<BatchFiles> {
  mkdirSync(outDir, { recursive: true });
  const c = sqlString(cycle);
  const lines = await rows(
    connection,
    `select ${LINE_SELECT} from payout_batch_lines where batch_cycle_id = ${c} order by all`,
  );
  const summary = await rows(
    connection,
    `select ${SUMMARY_SELECT} from (
        select *, lines as payable_lines, payable_fee from payout_batch_payees
        where batch_cycle_id = ${c}
    ) order by payee_kind, payee_id`,
  );
  const exceptions = await rows(
    connection,
    `select ${EXCEPTION_SELECT} from payout_batch_exceptions
     where batch_cycle_id = ${c} order by all`,
  );
  const [total] = await rows(
    connection,
    `select 'total', null, sum(lines), sum(payable_gross), sum(payable_fee), sum(payable_net),
        sum(carried_in), sum(paid), sum(carried_out)
     from payout_batch_payees where batch_cycle_id = ${c}`,
  );

  const reconciliation = await rows(
    connection,
    `select figure, amount from payout_batch_reconciliation
     where batch_cycle_id = ${c} order by position`,
  );

  const csvPath = join(outDir, `payout_${cycle}.csv`);
  const xlsxPath = join(outDir, `payout_${cycle}.xlsx`);
  const csv = await writeCsvFile(csvPath, LINE_COLUMNS, lines);
  const xlsx = await writeXlsxFile(xlsxPath, [
    { name: 'Summary', columns: SUMMARY_COLUMNS, rows: summary, totalRow: total! },
    { name: 'Lines', columns: LINE_COLUMNS, rows: lines },
    { name: 'Exceptions', columns: EXCEPTION_COLUMNS, rows: exceptions },
    { name: 'Reconciliation', columns: RECONCILIATION_COLUMNS, rows: reconciliation },
  ]);
  return { csvPath, xlsxPath, sha256: csv.sha256, xlsxSha256: xlsx.sha256 };
}

async function rows(connection: DuckDBConnection, sql: string): Promise<Row[]> {
  const reader = await connection.runAndReadAll(sql);
  return reader
    .getRows()
    .map((row) => row.map((value) => toPlain(value) as string | number | null));
}
