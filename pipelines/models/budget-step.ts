import type { DuckDBConnection } from '@duckdb/node-api';
import { toPlain } from '../db/values.js';
import { replayAccounts, type FundedTask, type Line, type Recharge } from '../budget/replay.js';
import type { ModelStep } from './build.js';

/**
 * The prepaid accounts (R21–R24a), replayed from scratch at every build in TypeScript:
 * a day-by-day replay with top-ups is sequential by nature. Reads the staged
 * recharges and funded tasks and the computed earning lines; writes
 * `int_task_funding`, `int_budget_draws` and `account_ledger`.
 */
export const budgetStep: ModelStep = {
  name: 'budget_replay',
  produces: ['int_budget_draws', 'int_task_funding', 'account_ledger'],
  reads: ['stg_account_movements', 'stg_tasks', 'stg_mini_programs', 'int_earning_lines_computed'],
  async run(connection) {
    const recharges = (
      await rows(
        connection,
        `
      select developer_id, occurred_date, amount, movement_id
      from stg_account_movements where kind = 'recharge'`,
      )
    ).map(([developerId, date, amount, movementId]): Recharge => ({
      developerId: String(developerId),
      date: String(date),
      amount: String(amount),
      movementId: String(movementId),
    }));
    const tasks = (
      await rows(
        connection,
        `
      select tasks.task_id, mini_programs.developer_id, tasks.created_date,
          tasks.created_at, tasks.budget, tasks.topup_amount, tasks.topup_trigger_pct,
          tasks.topup_cap, tasks.release_date
      from stg_tasks as tasks
      left join stg_mini_programs as mini_programs
          on tasks.mini_program_id = mini_programs.mini_program_id
      where tasks.is_funded`,
      )
    ).map(
      ([
        taskId,
        developerId,
        createdDate,
        createdAt,
        budget,
        amount,
        trigger,
        cap,
        release,
      ]): FundedTask => ({
        taskId: String(taskId),
        developerId: developerId === null ? null : String(developerId),
        createdDate: String(createdDate),
        createdAt: String(createdAt),
        budget: String(budget),
        topup:
          amount === null
            ? null
            : { amount: String(amount), triggerPct: Number(trigger), cap: String(cap) },
        releaseDate: String(release),
      }),
    );
    const lines = (
      await rows(
        connection,
        `
      select lines.task_id, lines.video_id, lines.source, lines.accrual_date, lines.amount,
          not (lines.is_void or lines.is_withheld)
      from int_earning_lines_computed as lines
      inner join stg_tasks as tasks on lines.task_id = tasks.task_id
      where tasks.is_funded`,
      )
    ).map(([taskId, videoId, source, accrualDate, amount, draws]): Line => ({
      taskId: String(taskId),
      videoId: String(videoId),
      source: source as Line['source'],
      accrualDate: String(accrualDate),
      amount: String(amount),
      draws: draws === true,
    }));

    const result = replayAccounts(recharges, tasks, lines);

    await writeTable(connection, 'int_task_funding', result.tasks, [
      ['task_id', 'varchar', (t) => t.taskId],
      ['accepted', 'boolean', (t) => t.accepted],
      ['reason', 'varchar', (t) => t.reason],
      ['frozen', 'decimal(18, 2)', (t) => t.frozen],
      ['topups', 'integer', (t) => t.topups],
      ['topped_up', 'decimal(18, 2)', (t) => t.toppedUp],
      ['consumed', 'decimal(18, 2)', (t) => t.consumed],
      ['released', 'decimal(18, 2)', (t) => t.released],
    ]);
    await writeTable(connection, 'int_budget_draws', result.draws, [
      ['task_id', 'varchar', (d) => d.taskId],
      ['video_id', 'varchar', (d) => d.videoId],
      ['source', 'varchar', (d) => d.source],
      ['accrual_date', 'date', (d) => d.accrualDate],
      ['computed', 'decimal(18, 2)', (d) => d.computed],
      ['drawn', 'decimal(18, 2)', (d) => d.drawn],
      ['cut', 'decimal(18, 2)', (d) => d.cut],
    ]);
    await writeTable(connection, 'account_ledger', result.ledger, [
      ['developer_id', 'varchar', (m) => m.developerId],
      ['date', 'date', (m) => m.date],
      ['kind', 'varchar', (m) => m.kind],
      ['task_id', 'varchar', (m) => m.taskId],
      ['amount', 'decimal(18, 2)', (m) => m.amount],
      ['available', 'decimal(18, 2)', (m) => m.available],
    ]);
  },
};

async function rows(connection: DuckDBConnection, sql: string) {
  const reader = await connection.runAndReadAll(sql);
  return reader.getRows().map((row) => row.map(toPlain));
}

type Cell = string | number | boolean | null;
type Column<T> = [name: string, type: string, value: (row: T) => Cell];

/**
 * Replaces `table` with `rows`. Values pass through a varchar scratch table, so DuckDB
 * casts decimals and dates from their exact text, never from a JavaScript number.
 */
async function writeTable<T>(
  connection: DuckDBConnection,
  table: string,
  rows: readonly T[],
  columns: Column<T>[],
): Promise<void> {
  const defs = (type: (column: Column<T>) => string) =>
    columns.map((column) => `${column[0]} ${type(column)}`).join(', ');
  await connection.run(`create or replace table ${table} (${defs((column) => column[1])})`);
  const scratch = `${table}_incoming`;
  await connection.run(`create or replace temp table ${scratch} (${defs(() => 'varchar')})`);
  const appender = await connection.createAppender(scratch, 'main', 'temp');
  for (const row of rows) {
    for (const [, , value] of columns) {
      const cell = value(row);
      if (cell === null) appender.appendNull();
      else appender.appendVarchar(String(cell));
    }
    appender.endRow();
  }
  appender.closeSync();
  await connection.run(`insert into ${table} select * from ${scratch}`);
  await connection.run(`drop table ${scratch}`);
}
