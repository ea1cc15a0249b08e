import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWarehouse, type Warehouse } from '../../pipelines/db/connection.js';
import { toPlain, type PlainValue } from '../../pipelines/db/values.js';
import { ensureSchema } from '../../pipelines/db/schema.js';
import { ingest } from '../../pipelines/ingest/ingest.js';
import type { FileOutcome } from '../../pipelines/ingest/load-file.js';

/** A scratch folder removed by `cleanup`. */
export function tempDir(prefix = 'xinghuo-test-'): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Writes a CSV file from rows of text (the first row is the header). */
export function writeCsv(dir: string, name: string, rows: readonly (readonly string[])[]): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  const field = (value: string) =>
    /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
  writeFileSync(path, rows.map((row) => row.map(field).join(',')).join('\n') + '\n');
  return path;
}

/** A real DuckDB warehouse in a temp file, with its schema, for one test file. */
export class TestWarehouse {
  private constructor(
    private warehouse: Warehouse,
    readonly dir: string,
    private readonly cleanupDir: () => void,
  ) {}

  get path() {
    return join(this.dir, 'test.duckdb');
  }

  /** Lets other processes use the file while `during` runs, then opens it again. */
  async released<T>(during: () => Promise<T>): Promise<T> {
    this.warehouse.close();
    try {
      return await during();
    } finally {
      this.warehouse = await openWarehouse(this.path);
    }
  }

  static async open(): Promise<TestWarehouse> {
    const { dir, cleanup } = tempDir();
    const warehouse = await openWarehouse(join(dir, 'test.duckdb'));
    await ensureSchema(warehouse.connection);
    return new TestWarehouse(warehouse, dir, cleanup);
  }

  get connection() {
    return this.warehouse.connection;
  }

  ingest(...paths: string[]): Promise<FileOutcome[]> {
    return ingest(this.connection, paths);
  }

  async rows(sql: string): Promise<Record<string, PlainValue>[]> {
    const reader = await this.connection.runAndReadAll(sql);
    const names = reader.columnNames();
    return reader
      .getRows()
      .map((row) => Object.fromEntries(row.map((v, i) => [names[i], toPlain(v)])));
  }

  async value(sql: string): Promise<PlainValue> {
    const [row] = await this.rows(sql);
    return row ? (Object.values(row)[0] ?? null) : null;
  }

  close() {
    this.warehouse.close();
    this.cleanupDir();
  }
}
