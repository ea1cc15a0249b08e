import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { contracts, type Contract } from '../contracts/contracts.js';

const SQL_DIR = new URL('../../sql/', import.meta.url);

/** Landing table of a contract: its columns as the contract types them, then ingestion order. */
export function landingDdl(contract: Contract): string {
  const columns = Object.entries(contract.columns).map(
    ([name, spec]) => `    ${name} ${spec.sqlType}${spec.required ? ' not null' : ''},`,
  );
  return [
    `create table if not exists landing.${contract.name} (`,
    ...columns,
    '    _load_id integer not null,',
    '    _line bigint not null',
    ');',
  ].join('\n');
}

/** Creates what is missing of the warehouse's own tables; safe to run on every open. */
export async function ensureSchema(connection: DuckDBConnection): Promise<void> {
  const dir = SQL_DIR.pathname;
  for (const file of readdirSync(dir)
    .filter((name) => name.endsWith('.sql'))
    .sort()) {
    await connection.run(readFileSync(join(dir, file), 'utf8'));
  }
  for (const contract of Object.values(contracts)) await connection.run(landingDdl(contract));
}
