import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { sqlString } from '../contracts/fields.js';
import { toPlain } from '../db/values.js';
import { MODEL_VARIABLES } from '../models/templating.js';
import { writeBatchFiles } from './batch-files.js';

export interface Mismatch {
  check: string;
  batch: string;
  detail: string;
}

export interface Figure {
  figure: string;
  amount: string;
}

const fee = MODEL_VARIABLES.service_fee_rate;

/**
 * The R28 checks of one written batch, each a query returning what breaks it: every line
 * has gross = fee + net with the fee at 10 %; every payee's sums, set-off and carried
 * balance agree with its lines and its previous batch; the batch's totals agree with its
 * payees; and the stored rows still reproduce the files' checksums.
 */
const CHECKS: [string, (c: string) => string][] = [
  [
    'line gross = service fee + net (R16)',
    (c) => `
      select 'payee ' || payee_id || ', creator ' || creator_id || ', task ' || task_id
          || ', origin ' || origin_cycle_id || ', ' || status || ': gross ' || gross
          || ', fee ' || service_fee || ', net ' || net
      from payout_batch_lines
      where batch_cycle_id = ${c}
          and (gross <> service_fee + net or service_fee <> round(gross * ${fee}, 2))
      order by all`,
  ],
  [
    'payee sums = its payable lines, paid = max(0, carried in + net) (R27)',
    (c) => `
      with sums as (
          select payee_kind, payee_id, count(*) as lines, sum(gross) as gross,
              sum(service_fee) as fee, sum(net) as net
          from payout_batch_lines
          where batch_cycle_id = ${c} and status = 'payable'
          group by all
      ),
      previous as (
          select payee_kind, payee_id, balance as carried_out
          from payee_balances_before(${c})
      )
      select 'payee ' || payees.payee_kind || ' ' || payees.payee_id || ': lines net '
          || coalesce(sums.net, 0) || ' vs ' || payees.payable_net || ', paid '
          || payees.paid || ', carried in ' || payees.carried_in
      from payout_batch_payees as payees
      left join sums using (payee_kind, payee_id)
      left join previous using (payee_kind, payee_id)
      where payees.batch_cycle_id = ${c}
          and (
              payees.lines <> coalesce(sums.lines, 0)
              or payees.payable_gross <> coalesce(sums.gross, 0)
              or payees.payable_fee <> coalesce(sums.fee, 0)
              or payees.payable_net <> coalesce(sums.net, 0)
              or payees.payable_gross <> payees.payable_fee + payees.payable_net
              or payees.carried_in <> least(coalesce(previous.carried_out, 0), 0)
              or payees.paid <> greatest(payees.carried_in + payees.payable_net, 0)
              or payees.carried_out <> least(payees.carried_in + payees.payable_net, 0)
          )
      order by all`,
  ],
  [
    'batch totals = its payees (R28)',
    (c) => `
      select 'batch lines ' || batches.lines || ', payable net ' || batches.payable_net
          || ', paid ' || batches.paid_total || ' vs payees net ' || coalesce(sum(payees.payable_net), 0)
          || ', paid ' || coalesce(sum(payees.paid), 0)
      from payout_batches as batches
      left join payout_batch_payees as payees on payees.batch_cycle_id = batches.cycle_id
      where batches.cycle_id = ${c}
      group by batches.cycle_id, batches.lines, batches.payable_gross, batches.payable_fee,
          batches.payable_net, batches.paid_total
      having batches.lines <> (select count(*) from payout_batch_lines where batch_cycle_id = ${c})
          or batches.payable_gross <> coalesce(sum(payees.payable_gross), 0)
          or batches.payable_fee <> coalesce(sum(payees.payable_fee), 0)
          or batches.payable_net <> coalesce(sum(payees.payable_net), 0)
          or batches.paid_total <> coalesce(sum(payees.paid), 0)`,
  ],
];

/** Every R28 mismatch of the written batches from `from` to `to` (inclusive), in order. */
export async function reconcileBatches(
  connection: DuckDBConnection,
  range: { from?: string; to?: string } = {},
): Promise<{ batches: string[]; mismatches: Mismatch[] }> {
  const batches = await writtenBatches(connection, range);
  const mismatches: Mismatch[] = [];
  for (const batch of batches) {
    for (const [check, sql] of CHECKS) {
      const reader = await connection.runAndReadAll(sql(sqlString(batch)));
      for (const [detail] of reader.getRows())
        mismatches.push({ check, batch, detail: String(detail) });
    }
    const checksum = await checksumMismatch(connection, batch);
    if (checksum)
      mismatches.push({ check: 'stored rows reproduce the files (R27)', batch, detail: checksum });
  }
  return { batches, mismatches };
}

async function writtenBatches(connection: DuckDBConnection, range: { from?: string; to?: string }) {
  const reader = await connection.runAndReadAll(`
    select cycle_id from payout_batches
    where cycle_id >= ${sqlString(range.from ?? '')}
        and cycle_id <= ${sqlString(range.to ?? '9999')}
    order by cycle_id`);
  return reader.getRows().map((row) => String(row[0]));
}

async function checksumMismatch(
  connection: DuckDBConnection,
  batch: string,
): Promise<string | null> {
  const dir = mkdtempSync(join(tmpdir(), 'xinghuo-reconcile-'));
  try {
    const files = await writeBatchFiles(connection, batch, dir);
    const reader = await connection.runAndReadAll(
      `select sha256, xlsx_sha256 from payout_batches where cycle_id = ${sqlString(batch)}`,
    );
    const [sha256, xlsxSha256] = reader.getRows()[0]!.map(String);
    if (files.sha256 !== sha256)
      return `payout_${batch}.csv sha256 ${files.sha256} vs stored ${sha256}`;
    if (files.xlsxSha256 !== xlsxSha256) return `payout_${batch}.xlsx no longer matches its sha256`;
    return null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The liability statement over cycles `from`..`to` as known now (R28): what was owed
 * before, what accrued, what batches paid, what was withheld or void, and what is
 * still owed (held, payable but not yet paid) and carried by payees. `balances` is
 * whether opening + accrued − paid − withheld − void = closing, and whether the
 * commission charged to developers equals what creators are owed for the same dates.
 */
export async function liabilityStatement(
  connection: DuckDBConnection,
  from: string,
  to: string,
): Promise<{ figures: Figure[]; balances: boolean }> {
  const [f, t] = [sqlString(from), sqlString(to)];
  const reader = await connection.runAndReadAll(`
    with lines as (select * from earning_lines),
    paid as (select * from payout_batch_lines where status = 'payable'),
    payees as (select * from payout_batch_payees)
    select
        coalesce((select sum(amount) from lines
            where cycle_id < ${f} and status in ('payable', 'held')), 0)
        - coalesce((select sum(gross) from paid where batch_cycle_id < ${f}), 0)
            as opening_liability,
        coalesce((select sum(amount) from lines where cycle_id between ${f} and ${t}), 0)
            as accrued,
        coalesce((select sum(gross) from paid where batch_cycle_id between ${f} and ${t}), 0)
            as paid_gross,
        coalesce((select sum(amount) from lines
            where cycle_id between ${f} and ${t} and status = 'withheld'), 0) as withheld,
        coalesce((select sum(amount) from lines
            where cycle_id between ${f} and ${t} and status = 'rejected'), 0) as void,
        coalesce((select sum(amount) from lines
            where cycle_id <= ${t} and status = 'held'), 0) as held,
        coalesce((select sum(amount) from lines
            where cycle_id <= ${t} and status = 'payable'), 0)
        - coalesce((select sum(gross) from paid where batch_cycle_id <= ${t}), 0)
            as payable_unpaid,
        coalesce((select sum(service_fee) from paid
            where batch_cycle_id between ${f} and ${t}), 0) as service_fees,
        coalesce((select sum(paid) from payees where batch_cycle_id between ${f} and ${t}), 0)
            as paid_to_payees,
        coalesce((select sum(balance) from payee_balances_before(next_cycle(${t}))), 0)
            as carried_balances,
        coalesce((select sum(creator_commission) from developer_income
            where date between cycle_first_date(${f}) and cycle_last_date(${t})), 0)
            as commission_charged`);
  const names = reader.columnNames();
  const values = reader.getRows()[0]!.map((value) => String(toPlain(value)));
  const figures = names.map((figure, i) => ({ figure, amount: values[i]! }));
  const get = (name: string) => cents(figures.find((x) => x.figure === name)!.amount);
  const closing = get('held') + get('payable_unpaid');
  const rollsForward =
    get('opening_liability') +
      get('accrued') -
      get('paid_gross') -
      get('withheld') -
      get('void') ===
    closing;
  const ties = get('commission_charged') === get('accrued') - get('withheld') - get('void');
  figures.push({ figure: 'closing_liability', amount: fromCents(closing) });
  return { figures, balances: rollsForward && ties };
}

function cents(amount: string): bigint {
  const [whole = '0', fraction = ''] = amount.replace('-', '').split('.');
  const value = BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0').slice(0, 2));
  return amount.startsWith('-') ? -value : value;
}

function fromCents(value: bigint): string {
  const sign = value < 0n ? '-' : '';
  const abs = value < 0n ? -value : value;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}
