import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import {
  CompiledQuery,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type QueryResult,
} from 'kysely';
import { toPlain, type PlainValue } from './values.js';

/**
 * A Kysely dialect over one `@duckdb/node-api` connection. Values come back exact
 * (decimals as strings, dates as `YYYY-MM-DD`, counts as numbers: see `toPlain`).
 * Parameters are bound positionally; pass money as strings so it never becomes a
 * float. Does not pool: every query runs on the warehouse's single connection.
 */
export function createKysely<DB>(connection: DuckDBConnection): Kysely<DB> {
  return new Kysely<DB>({ dialect: new DuckDBDialect(connection) });
}

class DuckDBDialect implements Dialect {
  constructor(private readonly connection: DuckDBConnection) {}
  createDriver(): Driver {
    return new DuckDBDriver(this.connection);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
  createAdapter() {
    return new PostgresAdapter();
  }
  createIntrospector(db: Kysely<unknown>) {
    return new PostgresIntrospector(db);
  }
}

class DuckDBDriver implements Driver {
  private readonly wrapped: DuckDBDatabaseConnection;
  constructor(connection: DuckDBConnection) {
    this.wrapped = new DuckDBDatabaseConnection(connection);
  }
  async init() {}
  async acquireConnection() {
    return this.wrapped;
  }
  async beginTransaction(connection: DatabaseConnection) {
    await connection.executeQuery(CompiledQuery.raw('begin transaction'));
  }
  async commitTransaction(connection: DatabaseConnection) {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }
  async rollbackTransaction(connection: DatabaseConnection) {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }
  async releaseConnection() {}
  async destroy() {}
}

class DuckDBDatabaseConnection implements DatabaseConnection {
  constructor(private readonly connection: DuckDBConnection) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const reader = await this.connection.runAndReadAll(
      query.sql,
      query.parameters.map(toParameter),
    );
    const names = reader.columnNames();
    const rows = reader.getRows().map((row) => {
      const object: Record<string, PlainValue> = {};
      row.forEach((value, index) => (object[names[index]!] = toPlain(value)));
      return object as R;
    });
    const changed = /^\s*(insert|update|delete)/i.test(query.sql) && !/returning/i.test(query.sql);
    return changed ? { rows: [], numAffectedRows: BigInt(reader.rowsChanged) } : { rows };
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('Failed to stream: the DuckDB dialect does not stream; use the connection');
  }
}

function toParameter(value: unknown): DuckDBValue {
  if (value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number' && !Number.isInteger(value)) {
    throw new Error(`Failed to bind ${value}: pass fractional values (money) as strings`);
  }
  return value as DuckDBValue;
}
