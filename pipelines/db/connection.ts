import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { UserError } from '../util/errors.js';

export const DEFAULT_DB_PATH = 'warehouse/xinghuo.duckdb';

export interface OpenOptions {
  readOnly?: boolean;
  /** How long to wait for another process's write lock before giving up. */
  lockWaitMs?: number;
}

export interface Warehouse {
  path: string;
  connection: DuckDBConnection;
  close(): void;
}

/** The warehouse path from `--db`, then `$XINGHUO_DB`, then the default. */
export function resolveDbPath(flag: string | undefined): string {
  return flag ?? process.env.XINGHUO_DB ?? DEFAULT_DB_PATH;
}

/**
 * Opens the warehouse. Nothing is ever downloaded: extension autoloading is off and the
 * extensions in use (parquet, json, icu) are built in. Another process holding the
 * write lock is reported as a user error, not a crash.
 */
export async function openWarehouse(path: string, options: OpenOptions = {}): Promise<Warehouse> {
  if (path !== ':memory:' && !options.readOnly) mkdirSync(dirname(path), { recursive: true });
  const config: Record<string, string> = {
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
    // Large loads spill to disk beside the warehouse instead of growing without bound.
    memory_limit: process.env.XINGHUO_MEMORY_LIMIT ?? '2GB',
  };
  if (options.readOnly) config.access_mode = 'READ_ONLY';

  const instance = await createWaitingForLock(path, config, options.lockWaitMs ?? 30_000);
  const connection = await instance.connect();
  return {
    path,
    connection,
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/**
 * DuckDB lets one process write a file at a time. A second command (two `payout`s at
 * once, say) waits for the first to finish rather than failing, up to `waitMs`.
 */
async function createWaitingForLock(
  path: string,
  config: Record<string, string>,
  waitMs: number,
): Promise<DuckDBInstance> {
  const deadline = Date.now() + waitMs;
  for (let attempt = 0; ; attempt++) {
    try {
      return await DuckDBInstance.create(path, config);
    } catch (error) {
      const locked = /lock/i.test(error instanceof Error ? error.message : String(error));
      if (!locked || Date.now() >= deadline) {
        throw new UserError(`cannot open warehouse \`${path}\`: ${describeOpenError(error)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(100 * 2 ** attempt, 1000)));
    }
  }
}

function describeOpenError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/lock/i.test(message))
    return 'another xinghuo process is writing to it; try again when it ends';
  if (/No such file|does not exist/i.test(message)) return 'no such file (run `ingest` first)';
  return message.split('\n')[0] ?? message;
}
