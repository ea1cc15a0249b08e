/**
 * Types of the warehouse's own tables (sql/), for typed queries through Kysely. Values
 * are as the dialect returns them: decimals and instants as strings, counts as numbers.
 */
export interface LoadsTable {
  load_id: number;
  file_name: string;
  path: string;
  contract: string;
  format: string;
  sha256: string;
  size_bytes: number;
  rows_read: number;
  rows_loaded: number;
  rows_skipped: number;
  rows_rejected: number;
  ignored_columns: string[];
  loaded_at: string;
}

export interface PayoutBatchesTable {
  cycle_id: string;
  pay_date: string;
  written_at: string;
  lines: number;
  payable_gross: string;
  payable_fee: string;
  payable_net: string;
  paid_total: string;
  sha256: string;
  xlsx_sha256: string;
  build_id: number | null;
  source_loads: string[];
}

export interface WarehouseTables {
  loads: LoadsTable;
  payout_batches: PayoutBatchesTable;
}
