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

    await connection.run(`
      create or replace table int_task_funding (
          task_id varchar, accepted boolean, reason varchar, frozen decimal(18, 2),
          topups integer, topped_up decimal(18, 2), consumed decimal(18, 2),
          released decimal(18, 2))`);
    await append(
      connection,
      'int_task_funding',
      result.tasks.map((t) => [
        t.taskId,
        t.accepted,
        t.reason,
        t.frozen,
        t.topups,
        t.toppedUp,
        t.consumed,
        t.released,
      ]),
    );
    await connection.run(`
      create or replace table int_budget_draws (
          task_id varchar, video_id varchar, source varchar, accrual_date date,
          computed decimal(18, 2), drawn decimal(18, 2), cut decimal(18, 2))`);
    await append(
      connection,
      'int_budget_draws',
      result.draws.map((d) => [
        d.taskId,
        d.videoId,
        d.source,
        d.accrualDate,
        d.computed,
        d.drawn,
        d.cut,
      ]),
    );
    await connection.run(`
      create or replace table account_ledger (
          developer_id varchar, date date, kind varchar, task_id varchar,
          amount decimal(18, 2), available decimal(18, 2))`);
    await append(
      connection,
      'account_ledger',
      result.ledger.map((m) => [m.developerId, m.date, m.kind, m.taskId, m.amount, m.available]),
    );
  },
};

async function rows(connection: DuckDBConnection, sql: string) {
  const reader = await connection.runAndReadAll(sql);
  return reader.getRows().map((row) => row.map(toPlain));
}

type Cell = string | number | boolean | null;

/** Appends rows through a temp varchar table, so DuckDB casts decimals and dates exactly. */
async function append(connection: DuckDBConnection, table: string, values: Cell[][]) {
  const columns = (await connection.runAndReadAll(`select * from ${table} limit 0`)).columnNames();
  const scratch = `${table}_incoming`;
  await connection.run(
    `create or replace temp table ${scratch} (${columns.map((c) => `${c} varchar`).join(', ')})`,
  );
  const appender = await connection.createAppender(scratch, 'main', 'temp');
  for (const row of values) {
    for (const value of row) {
      if (value === null) appender.appendNull();
      else appender.appendVarchar(String(value));
    }
    appender.endRow();
  }
  appender.closeSync();
  await connection.run(`insert into ${table} select * from ${scratch}`);
  await connection.run(`drop table ${scratch}`);
}
