import type { DuckDBConnection } from '@duckdb/node-api';
import { sqlString } from '../contracts/fields.js';
import { createKysely } from '../db/kysely-dialect.js';
import type { WarehouseTables } from '../db/tables.js';
import { build, needsBuild } from '../models/build.js';
import { UserError } from '../util/errors.js';
import { silent, type EventSink } from '../util/events.js';
import { writeBatchFiles, type BatchFiles } from './batch-files.js';
import { storeBatch } from './close-batch.js';

const CYCLE = /^\d{4}-(0[1-9]|1[0-2])-[AB]$/;

export type PayoutOutcome = BatchFiles & { cycle: string; rewritten: boolean };

/**
 * Writes the batch of `cycle` (R27). The first time, the batch is built from the current
 * marts, stored and the cycle closed, all in one transaction with the files; after that,
 * the files are rewritten from what was stored and must reproduce its checksums. A cycle
 * earlier than the latest one closed is refused.
 */
export async function payout(
  connection: DuckDBConnection,
  cycle: string,
  outDir: string,
  onEvent: EventSink = silent,
): Promise<PayoutOutcome> {
  if (!CYCLE.test(cycle)) {
    throw new UserError(
      `payout: \`${cycle}\` is not a cycle; write \`YYYY-MM-A\` or \`YYYY-MM-B\` (R2)`,
    );
  }
  const stored = await storedChecksums(connection, cycle);
  if (stored) {
    const files = await writeBatchFiles(connection, cycle, outDir);
    if (files.sha256 !== stored.sha256 || files.xlsxSha256 !== stored.xlsxSha256) {
      throw new UserError(
        `payout: the stored batch \`${cycle}\` no longer matches its checksum; ` +
          'the warehouse was altered (run `xinghuo reconcile`)',
      );
    }
    return { ...files, cycle, rewritten: true };
  }

  const latest = await latestClosed(connection);
  if (latest !== null && cycle < latest) {
    throw new UserError(
      `payout: cycle \`${cycle}\` is earlier than \`${latest}\`, already closed; batches are written in order (R27)`,
    );
  }
  if (await needsBuild(connection)) await build(connection, onEvent);

  await connection.run('begin transaction');
  try {
    await storeBatch(connection, cycle);
    const files = await writeBatchFiles(connection, cycle, outDir);
    await recordBatch(connection, cycle, files);
    await connection.run('commit');
    return { ...files, cycle, rewritten: false };
  } catch (error) {
    await connection.run('rollback');
    throw error;
  }
}

async function storedChecksums(connection: DuckDBConnection, cycle: string) {
  const row = await createKysely<WarehouseTables>(connection)
    .selectFrom('payout_batches')
    .select(['sha256', 'xlsx_sha256'])
    .where('cycle_id', '=', cycle)
    .executeTakeFirst();
  return row ? { sha256: row.sha256, xlsxSha256: row.xlsx_sha256 } : null;
}

async function latestClosed(connection: DuckDBConnection): Promise<string | null> {
  const row = await createKysely<WarehouseTables>(connection)
    .selectFrom('payout_batches')
    .select((eb) => eb.fn.max('cycle_id').as('latest'))
    .executeTakeFirst();
  return row?.latest ?? null;
}

async function recordBatch(connection: DuckDBConnection, cycle: string, files: BatchFiles) {
  const c = sqlString(cycle);
  await connection.run(`
    insert into payout_batches
    select
        ${c},
        cycle_pay_date(${c}),
        now(),
        (select count(*) from payout_batch_lines where batch_cycle_id = ${c}),
        coalesce(sum(payable_gross), 0),
        coalesce(sum(payable_fee), 0),
        coalesce(sum(payable_net), 0),
        coalesce(sum(paid), 0),
        ${sqlString(files.sha256)},
        ${sqlString(files.xlsxSha256)},
        (select max(build_id) from builds),
        (select coalesce(list(sha256 order by load_id), []) from loads)
    from payout_batch_payees
    where batch_cycle_id = ${c}`);
}
