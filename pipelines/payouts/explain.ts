import type { DuckDBConnection } from '@duckdb/node-api';
import { sqlString } from '../contracts/fields.js';
import { toPlain, type PlainValue } from '../db/values.js';

export interface ExplainRequest {
  cycle: string;
  creatorId: string;
  taskId: string;
  originCycle?: string;
}

export interface Section {
  title: string;
  names: string[];
  rows: PlainValue[][];
}

/**
 * Why a payee got an amount: the batch row (as written, or as it would be written now),
 * the earning lines behind it and, for each, the source events with the file and line
 * they were loaded from. Earning lines and events are shown as the warehouse knows them
 * now; a written row that differs from them is what the next batch will carry (R27).
 */
export async function explainPayoutRow(
  connection: DuckDBConnection,
  request: ExplainRequest,
): Promise<Section[]> {
  const [cycle, creator, task] = [request.cycle, request.creatorId, request.taskId].map(sqlString);
  const origin = request.originCycle ? sqlString(request.originCycle) : null;
  const rowFilter = `batch_cycle_id = ${cycle} and creator_id = ${creator} and task_id = ${task}
      ${origin ? `and origin_cycle_id = ${origin}` : ''}`;
  const written = await connection.runAndReadAll(
    `select 1 from payout_batches where cycle_id = ${cycle}`,
  );
  const source = written.getRows().length > 0 ? 'payout_batch_lines' : 'payout_rows';
  const lineFilter = `creator_id = ${creator} and task_id = ${task}
      and cycle_id ${origin ? `= ${origin}` : `<= ${cycle}`}`;

  return [
    await section(
      connection,
      source === 'payout_batch_lines' ? 'batch rows (as written)' : 'batch rows (not written yet)',
      `select origin_cycle_id, status, payee_kind, payee_id, gross, service_fee, net
       from ${source} where ${rowFilter} order by all`,
    ),
    await section(
      connection,
      'earning lines',
      `select video_id, accrual_date, source, cycle_id, status, payable_cycle_id, events,
           basis, amount_computed, amount, amount_cut
       from earning_lines where ${lineFilter} order by all`,
    ),
    await section(
      connection,
      'source events',
      `with lines as (select * from earning_lines where ${lineFilter}),
       events as (
           select events.*, lines.source
           from int_events_attributed as events
           inner join lines
               on events.video_id = lines.video_id and events.accrual_date = lines.accrual_date
           where events.is_attributed and lines.source <> 'floor'
       ),
       origins as (
           select 'ad_impression' as event_kind, impression_id as event_id, null as lead_event,
               _load_id, _line from landing.ad_impressions
           union all select 'payment', payment_id, null, _load_id, _line from landing.payments
           union all select 'lead', lead_id, event, _load_id, _line from landing.leads
       )
       select events.accrual_date, events.source, events.event_kind, events.event_id,
           events.event_at, events.basis, loads.file_name, origins._line as line
       from events
       left join origins
           on events.event_kind = origins.event_kind and events.event_id = origins.event_id
           and events.lead_event is not distinct from origins.lead_event
       left join loads on origins._load_id = loads.load_id
       order by all`,
    ),
  ];
}

async function section(connection: DuckDBConnection, title: string, sql: string): Promise<Section> {
  const reader = await connection.runAndReadAll(sql);
  return {
    title,
    names: reader.columnNames(),
    rows: reader.getRows().map((row) => row.map(toPlain)),
  };
}
