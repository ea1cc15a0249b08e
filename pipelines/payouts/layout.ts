import type { Column } from '../exports/writers.js';

/** `payout_CYCLE.csv` and the xlsx Lines sheet, in CONTRACTS.md's order. */
export const LINE_COLUMNS: Column[] = [
  { name: 'batch_cycle_id', kind: 'text' },
  { name: 'pay_date', kind: 'date' },
  { name: 'payee_kind', kind: 'text' },
  { name: 'payee_id', kind: 'text' },
  { name: 'creator_id', kind: 'text' },
  { name: 'task_id', kind: 'text' },
  { name: 'origin_cycle_id', kind: 'text' },
  { name: 'status', kind: 'text' },
  { name: 'gross', kind: 'money' },
  { name: 'service_fee', kind: 'money' },
  { name: 'net', kind: 'money' },
];

/** The Summary sheet: one row per payee, payable lines only, then the set-off (R27). */
export const SUMMARY_COLUMNS: Column[] = [
  { name: 'payee_kind', kind: 'text' },
  { name: 'payee_id', kind: 'text' },
  { name: 'payable_lines', kind: 'count' },
  { name: 'payable_gross', kind: 'money' },
  { name: 'payable_fee', kind: 'money' },
  { name: 'payable_net', kind: 'money' },
  { name: 'carried_in', kind: 'money' },
  { name: 'paid', kind: 'money' },
  { name: 'carried_out', kind: 'money' },
];

/** The Exceptions sheet: rows that are not payable, and lines cut by budget (R22). */
export const EXCEPTION_COLUMNS: Column[] = [
  { name: 'kind', kind: 'text' },
  { name: 'payee_kind', kind: 'text' },
  { name: 'payee_id', kind: 'text' },
  { name: 'creator_id', kind: 'text' },
  { name: 'task_id', kind: 'text' },
  { name: 'video_id', kind: 'text' },
  { name: 'accrual_date', kind: 'date' },
  { name: 'source', kind: 'text' },
  { name: 'amount', kind: 'money' },
  { name: 'amount_cut', kind: 'money' },
];

/** The Reconciliation sheet: the R28 figures of the batch as written. */
export const RECONCILIATION_COLUMNS: Column[] = [
  { name: 'figure', kind: 'text', width: 28 },
  { name: 'amount', kind: 'money' },
];

const names = (columns: Column[]) => columns.map((column) => column.name).join(', ');
export const LINE_SELECT = names(LINE_COLUMNS);
export const SUMMARY_SELECT = names(SUMMARY_COLUMNS);
export const EXCEPTION_SELECT = names(EXCEPTION_COLUMNS);
