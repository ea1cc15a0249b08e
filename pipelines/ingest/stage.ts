import type { DuckDBConnection } from '@duckdb/node-api';
import { SQL_TRIM_CHARS, sqlString, trimValue } from '../contracts/fields.js';
import type { RowSource } from './readers/row-source.js';

/**
 * Staging: every record of one file lands, as text, in the temp table `stage`
 * (_line, _raw, _structural, _ordinality, one varchar per contract column), values
 * trimmed and empty ones null. Nothing is checked here beyond splitting records into
 * fields; `_structural` says why a record could not be.
 */
export const STAGE = 'stage';

export const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

function createStage(columns: readonly string[]): string {
  const defs = columns.map((name) => `${ident(name)} varchar`).join(', ');
  return `create or replace temp table ${STAGE} (
    _line bigint, _raw varchar, _structural varchar, _ordinality bigint, ${defs})`;
}

const CSV_FIELD_MACRO = `
create or replace temp macro csv_field(x) as
    case
        when x is null then ''
        when regexp_matches(x, '[",\\r\\n]') then '"' || replace(x, '"', '""') || '"'
        else x
    end`;

/** A staged value: trimmed like `trimValue`, empty as null. */
export const stagedValue = (expression: string) =>
  `nullif(trim(${expression}, ${SQL_TRIM_CHARS}), '')`;

/**
 * Stages a CSV file with DuckDB's reader: typed as varchar, split in parallel, with
 * malformed records kept from its rejects table. Lines are record numbers, the header
 * being line 1, as DuckDB and spreadsheets count them. The raw text of good records is
 * not built here (it is costly and rarely needed): call the returned `fillRaw` once the
 * rows to reject are known, before the rejects are recorded.
 */
export async function stageCsv(
  connection: DuckDBConnection,
  path: string,
  header: readonly string[],
  columns: readonly string[],
): Promise<{ fillRaw: (needed: string) => Promise<void> }> {
  const types = header.map((name) => `${sqlString(name)}: 'VARCHAR'`).join(', ');
  await connection.run(CSV_FIELD_MACRO);
  await connection.run('drop table if exists reject_errors; drop table if exists reject_scans');
  await connection.run(`
    create or replace temp table csv_read as
    select * from read_csv(${sqlString(path)}, columns = {${types}}, header = true,
        auto_detect = false, delim = ',', quote = '"', escape = '"',
        store_rejects = true, strict_mode = true)
    with ordinality`);

  await connection.run(`
    create or replace temp table csv_rejected as
    select line as _line, arg_min(error_type, column_idx) as error_type,
        arg_min(error_message, column_idx) as error_message, arg_min(csv_line, column_idx) as _raw
    from reject_errors group by line`);
  // Good records are numbered in file order; their lines are the data lines that are
  // not rejected, in order. Without rejects that is simply ordinality + 1.
  const rejects = await connection.runAndReadAll('select count(*) from csv_rejected');
  const total = `(select count(*) from csv_read) + (select count(*) from csv_rejected)`;
  const lines =
    Number(rejects.getRows()[0]![0]) === 0
      ? 'select ordinality + 1 as line, * from csv_read'
      : `select lines.line, csv_read.*
         from csv_read join (
             select line, row_number() over (order by line) as ordinality
             from range(2, ${total} + 2) as lines(line)
             where line not in (select _line from csv_rejected)
         ) as lines using (ordinality)`;

  const present = columns.map((name) =>
    header.includes(name) ? stagedValue(ident(name)) : 'null',
  );
  const absent = columns.map(() => 'null');
  await connection.run(createStage(columns));
  await connection.run(`
    insert into ${STAGE}
    select line, null, null, ordinality, ${present.join(', ')} from (${lines})
    union all
    select _line, _raw, ${structuralReason}, null, ${absent.join(', ')} from csv_rejected`);
  await connection.run('drop table csv_rejected');

  const raw = `concat_ws(',', ${header.map((name) => `csv_field(csv_read.${ident(name)})`).join(', ')})`;
  return {
    async fillRaw(needed) {
      await connection.run(`
        update checked set _raw = ${raw}
        from csv_read
        where checked._ordinality = csv_read.ordinality and (${needed})`);
      await connection.run('drop table csv_read');
    },
  };
}

const structuralReason = `
    case error_type
        when 'MISSING COLUMNS' then 'the record has fewer fields than the header'
        when 'TOO MANY COLUMNS' then 'the record has more fields than the header'
        when 'INVALID ENCODING' then 'the record is not valid UTF-8'
        when 'UNQUOTED VALUE' then 'a quoted field is not closed properly'
        else lower(error_type) || ': ' || error_message
    end`;

/** Stages rows read in JavaScript (spreadsheets, JSON Lines) through an appender. */
export async function stageRows(
  connection: DuckDBConnection,
  source: RowSource,
  columns: readonly string[],
  onRows?: (count: number) => void,
): Promise<void> {
  await connection.run(createStage(columns));
  const positions = columns.map((name) => source.header.indexOf(name));
  const appender = await connection.createAppender(STAGE, 'main', 'temp');
  let count = 0;
  for await (const row of source.rows) {
    appender.appendBigInt(BigInt(row.line));
    appender.appendVarchar(row.raw);
    if (row.structural === undefined) appender.appendNull();
    else appender.appendVarchar(row.structural);
    appender.appendNull();
    for (const position of positions) {
      const value = position < 0 ? '' : trimValue(row.values[position] ?? '');
      if (value === '') appender.appendNull();
      else appender.appendVarchar(value);
    }
    appender.endRow();
    if (++count % 50_000 === 0) onRows?.(count);
  }
  appender.flushSync();
  appender.closeSync();
}
