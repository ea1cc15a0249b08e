import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { sqlString } from '../contracts/fields.js';

/**
 * The relations the dashboards read, pre-aggregated from the marts and sorted by what
 * pages filter on. Published as Parquet so a report build never holds the warehouse's
 * lock nor depends on its DuckDB version, and so an analyst can hand them to any tool.
 */
export const SNAPSHOT: Record<string, string> = {
  task_overview: 'select * from task_overview order by task_id',
  task_daily: 'select * from task_daily_performance order by task_id, date',
  task_top_creators: `
    select task_id, creator_id, any_value(payee_id) as payee_id,
        count(distinct video_id) as videos,
        sum(amount) filter (where status not in ('rejected', 'withheld')) as creator_commission
    from earning_lines group by task_id, creator_id
    order by task_id, creator_commission desc nulls last, creator_id`,
  task_top_videos: `
    select task_id, video_id, any_value(creator_id) as creator_id,
        sum(amount) filter (where status not in ('rejected', 'withheld')) as creator_commission
    from earning_lines group by task_id, video_id
    order by task_id, creator_commission desc nulls last, video_id`,
  task_unattributed: `
    select task_id, event_kind, reason, count(*) as events
    from unattributed_events group by all order by task_id nulls last, events desc`,
  mini_programs: 'select * from stg_mini_programs order by mini_program_id',
  mini_program_income: 'select * from developer_income order by mini_program_id, date, task_id',
  payout_batches: `
    select cycle_id, pay_date, written_at, lines, payable_gross, payable_fee, payable_net,
        paid_total, sha256
    from payout_batches order by cycle_id`,
  payout_batch_payees: 'select * from payout_batch_payees order by batch_cycle_id, payee_kind, payee_id',
  payout_batch_status: `
    select batch_cycle_id,
        if(origin_cycle_id < batch_cycle_id, 'carried', status) as status,
        count(*) as lines, sum(gross) as gross, sum(net) as net
    from payout_batch_lines group by all order by batch_cycle_id, status`,
  payout_reconciliation: 'select * from payout_batch_reconciliation order by batch_cycle_id, position',
  loads: `
    select load_id, file_name, contract, format, rows_read, rows_loaded, rows_skipped,
        rows_rejected, loaded_at
    from loads order by load_id`,
  rejected_by_reason: `
    select contract, regexp_replace(reason, ' \\(\`.*$', '') as reason, count(*) as rows
    from rejected_rows group by all order by rows desc, contract, reason`,
  unattributed_by_reason: `
    select event_kind, reason, count(*) as events
    from unattributed_events group by all order by events desc, event_kind, reason`,
  data_quality_flags: 'select * from data_quality_flags order by flag, task_id, creator_id',
};

/** Writes every snapshot relation to `dir/<name>.parquet`, replacing the folder whole. */
export async function publishSnapshot(connection: DuckDBConnection, dir: string): Promise<string[]> {
  const staging = `${dir}.tmp`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  for (const [name, sql] of Object.entries(SNAPSHOT)) {
    const path = join(staging, `${name}.parquet`);
    await connection.run(`copy (${sql}) to ${sqlString(path)} (format parquet)`);
  }
  rmSync(dir, { recursive: true, force: true });
  renameSync(staging, dir);
  return Object.keys(SNAPSHOT).map((name) => join(dir, `${name}.parquet`));
}
