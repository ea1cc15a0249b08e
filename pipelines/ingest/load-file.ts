import { createHash } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Contract, Format } from '../contracts/contracts.js';
import { sqlString } from '../contracts/fields.js';
import { createKysely } from '../db/kysely-dialect.js';
import type { WarehouseTables } from '../db/tables.js';
import { UserError } from '../util/errors.js';
import { silent, type EventSink, type FileCounts } from '../util/events.js';
import { contractOf } from './file-name.js';
import { mergeIntoLanding } from './merge.js';
import { readCsvHeader } from './readers/csv-header.js';
import { readJsonl } from './readers/jsonl.js';
import type { RowSource } from './readers/row-source.js';
import { readXls } from './readers/xls.js';
import { readXlsx } from './readers/xlsx.js';
import { stageCsv, stageRows } from './stage.js';
import { validateStage } from './validate.js';

export type FileOutcome =
  | { status: 'loaded'; file: string; counts: FileCounts }
  | { status: 'skipped'; file: string; reason: string }
  | { status: 'failed'; file: string; error: string };

/**
 * Loads one file in one transaction: staged, checked, merged into its landing table,
 * its rejects and its `loads` row written together, or nothing at all. A file whose
 * sha256 is already in `loads` is skipped whole. Failures a user can fix (unknown name,
 * missing column, unreadable file) come back as `failed` and are kept in `load_failures`.
 */
export async function loadFile(
  connection: DuckDBConnection,
  path: string,
  onEvent: EventSink = silent,
): Promise<FileOutcome> {
  const file = basename(path);
  let sha256: string | null = null;
  try {
    if (!existsSync(path)) throw new UserError(`\`${path}\`: no such file or folder`);
    const { contract, format } = contractOf(path);
    sha256 = await fileSha256(path);
    const earlier = await createKysely<WarehouseTables>(connection)
      .selectFrom('loads')
      .select(['load_id', 'file_name'])
      .where('sha256', '=', sha256)
      .executeTakeFirst();
    if (earlier) {
      const reason = `already loaded as load ${earlier.load_id} from \`${earlier.file_name}\` (same sha256)`;
      onEvent({ type: 'file.skipped', file, reason });
      return { status: 'skipped', file, reason };
    }

    onEvent({ type: 'file.started', file, contract: contract.name });
    const started = performance.now();
    const counts = await loadInTransaction(
      connection,
      { path, file, sha256, contract, format },
      onEvent,
    );
    onEvent({ type: 'file.loaded', file, result: counts, durationMs: performance.now() - started });
    return { status: 'loaded', file, counts };
  } catch (error) {
    const message = describe(file, error);
    await connection.run(`
      insert into load_failures values (${sqlString(file)}, ${sqlString(path)},
        ${sha256 === null ? 'null' : sqlString(sha256)}, ${sqlString(message)}, now())`);
    onEvent({ type: 'file.failed', file, error: message });
    return { status: 'failed', file, error: message };
  }
}

interface FileToLoad {
  path: string;
  file: string;
  sha256: string;
  contract: Contract;
  format: Format;
}

async function loadInTransaction(
  connection: DuckDBConnection,
  target: FileToLoad,
  onEvent: EventSink,
): Promise<FileCounts> {
  const { contract, file, format, path } = target;
  const columns = Object.keys(contract.columns);
  const source = await openSource(path, format, columns);
  const header = format === 'csv' ? await readCsvHeader(path) : (source?.header ?? columns);
  const ignoredColumns = checkHeader(file, contract, header);

  let fillRaw: ((needed: string) => Promise<void>) | undefined;
  await connection.run('begin transaction');
  try {
    if (source) {
      await stageRows(connection, source, columns, (rows) =>
        onEvent({ type: 'file.progress', file, step: 'reading', rows }),
      );
    } else {
      onEvent({ type: 'file.progress', file, step: 'reading' });
      ({ fillRaw } = await stageCsv(connection, path, header, columns));
    }
    if (source && 'extraKeys' in source) ignoredColumns.push(...(source.extraKeys as Set<string>));

    onEvent({ type: 'file.progress', file, step: 'checking' });
    await validateStage(connection, contract);
    const loadId = await nextLoadId(connection);
    onEvent({ type: 'file.progress', file, step: 'merging' });
    await mergeIntoLanding(connection, contract, loadId);
    await fillRaw?.(
      `_reason is not null or _line in (select _line from decided where _verdict = 'reject')`,
    );
    await recordRejects(connection, loadId, file, contract.name);
    const counts = await recordLoad(connection, loadId, target, ignoredColumns);
    await connection.run('drop table typed; drop table decided; drop table checked');
    if (process.env.XINGHUO_CRASH_BEFORE_COMMIT === contract.name)
      process.kill(process.pid, 'SIGKILL');
    await connection.run('commit');
    return counts;
  } catch (error) {
    await connection.run('rollback');
    throw error;
  }
}

async function openSource(
  path: string,
  format: Format,
  columns: string[],
): Promise<RowSource | null> {
  if (format === 'xlsx') return readXlsx(path);
  if (format === 'xls') return readXls(path);
  if (format === 'jsonl') return readJsonl(path, columns);
  return null;
}

/** Exact header names; a missing required column fails the file. Returns the extras. */
function checkHeader(file: string, contract: Contract, header: string[]): string[] {
  const names = header.map((name, index) => (index === 0 ? name.replace(/^\uFEFF/, '') : name));
  const repeated = names.find((name, index) => name !== '' && names.indexOf(name) !== index);
  if (repeated)
    throw new UserError(`\`${file}\`: column \`${repeated}\` appears twice in the header`);
  const missing = Object.entries(contract.columns)
    .filter(([name, spec]) => spec.required && !names.includes(name))
    .map(([name]) => `\`${name}\``);
  if (missing.length > 0) {
    const noun = missing.length === 1 ? 'column' : 'columns';
    throw new UserError(
      `\`${file}\`: missing required ${noun} ${missing.join(', ')} in the header`,
    );
  }
  return names.filter((name) => name !== '' && !Object.hasOwn(contract.columns, name));
}

async function nextLoadId(connection: DuckDBConnection): Promise<number> {
  const reader = await connection.runAndReadAll(`select nextval('load_id_seq')`);
  return Number(reader.getRows()[0]![0]);
}

async function recordRejects(
  connection: DuckDBConnection,
  loadId: number,
  file: string,
  contract: string,
) {
  await connection.run(`
    insert into rejected_rows
    select ${loadId}, ${sqlString(file)}, ${sqlString(contract)}, _line, _reason, coalesce(_raw, '')
    from (
        select _line, _reason, _raw from checked where _reason is not null
        union all
        select decided._line, decided._conflict, checked._raw
        from decided join checked using (_line)
        where decided._verdict = 'reject'
    )
    order by _line`);
}

async function recordLoad(
  connection: DuckDBConnection,
  loadId: number,
  target: FileToLoad,
  ignoredColumns: string[],
): Promise<FileCounts> {
  const reader = await connection.runAndReadAll(`
    select
        (select count(*) from checked) as rows_read,
        count(*) filter (where _verdict = 'load') as rows_loaded,
        count(*) filter (where _verdict = 'skip') as rows_skipped,
        (select count(*) from checked where _reason is not null)
            + count(*) filter (where _verdict = 'reject') as rows_rejected
    from decided`);
  const [read, loaded, skipped, rejected] = reader.getRows()[0]!.map(Number) as [
    number,
    number,
    number,
    number,
  ];
  const ignored = `[${ignoredColumns.map(sqlString).join(', ')}]::varchar[]`;
  await connection.run(`
    insert into loads values (${loadId}, ${sqlString(target.file)}, ${sqlString(target.path)},
      ${sqlString(target.contract.name)}, ${sqlString(target.format)}, ${sqlString(target.sha256)},
      ${statSync(target.path).size}, ${read}, ${loaded}, ${skipped}, ${rejected}, ${ignored}, now())`);
  return {
    loadId,
    contract: target.contract.name,
    rowsRead: read,
    rowsLoaded: loaded,
    rowsSkipped: skipped,
    rowsRejected: rejected,
    ignoredColumns,
  };
}

async function fileSha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function describe(file: string, error: unknown): string {
  if (error instanceof UserError) return error.message;
  const message = error instanceof Error ? error.message : String(error);
  if (/ENOENT/.test(message)) return `\`${file}\`: no such file`;
  if (/EACCES/.test(message)) return `\`${file}\`: permission denied`;
  return `\`${file}\`: cannot be read: ${message.split('\n')[0]}`;
}
