import type { DuckDBConnection } from '@duckdb/node-api';
import { sqlString } from '../contracts/fields.js';
import { liabilityStatement } from './reconcile.js';

/**
 * Stores the batch of `cycle` from the current marts (R27): its lines as `payout_rows`
 * holds them, each payee's set-off against the balance it carried in, and its
 * exceptions. Runs inside the caller's transaction; the caller records the files.
 */
export async function storeBatch(connection: DuckDBConnection, cycle: string): Promise<void> {
  const c = sqlString(cycle);
  await connection.run(`
    insert into payout_batch_lines
    select batch_cycle_id, pay_date, payee_kind, payee_id, creator_id, task_id,
        origin_cycle_id, status, gross, service_fee, net
    from payout_rows where batch_cycle_id = ${c}`);

  // R27: a payee is paid max(0, carried balance + Σ net of its payable rows); what stays
  // negative is carried into its next batch
  await connection.run(`
    insert into payout_batch_payees
    with payable as (
        select payee_kind, payee_id, count(*) as lines, sum(gross) as gross,
            sum(service_fee) as fee, sum(net) as net
        from payout_batch_lines
        where batch_cycle_id = ${c} and status = 'payable'
        group by all
    ),
    carried as (
        select payee_kind, payee_id, balance as carried_in
        from payee_balances_before(${c})
        where balance < 0
    ),
    joined as (
        select
            coalesce(payable.payee_kind, carried.payee_kind) as payee_kind,
            coalesce(payable.payee_id, carried.payee_id) as payee_id,
            coalesce(payable.lines, 0) as lines,
            coalesce(payable.gross, 0) as gross,
            coalesce(payable.fee, 0) as fee,
            coalesce(payable.net, 0) as net,
            coalesce(carried.carried_in, 0) as carried_in
        from payable
        full outer join carried using (payee_kind, payee_id)
    )
    select ${c}, payee_kind, payee_id, lines, gross, fee, net, carried_in,
        greatest(carried_in + net, 0), least(carried_in + net, 0)
    from joined`);

  await connection.run(`
    insert into payout_batch_exceptions
    select batch_cycle_id, status, payee_kind, payee_id, creator_id, task_id,
        null, null, null, gross, null
    from payout_batch_lines
    where batch_cycle_id = ${c} and status <> 'payable'
    union all
    select ${c}, 'budget_exhausted', payee_kind, payee_id, creator_id, task_id,
        video_id, accrual_date, source, amount, amount_cut
    from earning_lines
    where cycle_id = ${c} and cut_by_budget`);

  // R28: the batch's reconciliation as it stands when written, kept for its xlsx sheet
  const totals = await connection.runAndReadAll(`
    select coalesce(sum(gross) filter (where status = 'payable'), 0),
        coalesce(sum(service_fee) filter (where status = 'payable'), 0),
        coalesce(sum(net) filter (where status = 'payable'), 0)
    from payout_batch_lines where batch_cycle_id = ${c}`);
  const [gross, fee, net] = totals.getRows()[0]!.map(String);
  const { figures } = await liabilityStatement(connection, cycle, cycle);
  const all = [
    { figure: 'payable_gross', amount: gross! },
    { figure: 'payable_service_fee', amount: fee! },
    { figure: 'payable_net', amount: net! },
    ...figures,
  ];
  const values = all.map(
    ({ figure, amount }, i) => `(${c}, ${i + 1}, ${sqlString(figure)}, ${amount})`,
  );
  await connection.run(`insert into payout_batch_reconciliation values ${values.join(', ')}`);
}
