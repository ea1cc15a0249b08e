import type { DuckDBConnection } from '@duckdb/node-api';
import { rowSchema, type Contract } from '../contracts/contracts.js';
import { checkSql, sqlString } from '../contracts/fields.js';
import { ident, STAGE } from './stage.js';

/**
 * The reason a staged row breaks its contract's field types, as one SQL expression:
 * the first failing check in column order, or null. Compiled from the same checks as
 * the zod schema (`fieldSchema`), so DuckDB and zod give the same verdict and words.
 */
export function reasonSql(contract: Contract): string {
  const whens: string[] = [];
  const valid: string[] = [];
  for (const [name, spec] of Object.entries(contract.columns)) {
    const v = ident(name);
    const fast = (spec.fast ?? spec.checks).map((check) => checkSql(check, v));
    if (spec.required) valid.push([`${v} is not null`, ...fast].join(' and '));
    else if (fast.length > 0) valid.push(`(${v} is null or (${fast.join(' and ')}))`);
    const label = sqlString(`\`${name}\`: `);
    if (spec.required) whens.push(`when ${v} is null then ${label} || 'is missing'`);
    for (const check of spec.checks) {
      const shown = `' (\`' || left(${v}, 40) || if(length(${v}) > 40, '…', '') || '\`)'`;
      whens.push(
        `when ${v} is not null and not (${checkSql(check, v)}) then ${label} || ${sqlString(check.message)} || ${shown}`,
      );
    }
  }
  const allValid = valid.length > 0 ? valid.join('\n        and ') : 'true';
  return `
    case
        when _structural is not null then _structural
        when ${allValid} then null
        else case ${whens.join('\n            ')} end
    end`;
}

/**
 * Checks every staged row: field types in SQL, then the contract's row rules in zod
 * for the rows that passed (only contracts that have row rules, whose files are small).
 * Leaves `checked` (stage plus `_reason`) and `typed` (the good rows, cast to the
 * landing types) as temp tables.
 */
export async function validateStage(
  connection: DuckDBConnection,
  contract: Contract,
): Promise<void> {
  await connection.run(`
    create or replace temp table checked as
    select *, ${reasonSql(contract)} as _reason from ${STAGE}`);
  await connection.run(`drop table ${STAGE}`);

  if (contract.rowRules) await applyRowRules(connection, contract);

  const casts = Object.entries(contract.columns).map(
    ([name, spec]) => `${spec.cast(ident(name))} as ${ident(name)}`,
  );
  await connection.run(`
    create or replace temp table typed as
    select _line, ${casts.join(', ')} from checked where _reason is null`);
}

async function applyRowRules(connection: DuckDBConnection, contract: Contract): Promise<void> {
  const names = Object.keys(contract.columns);
  const reader = await connection.runAndReadAll(
    `select _line, ${names.map(ident).join(', ')} from checked where _reason is null`,
  );
  const schema = rowSchema(contract);
  const failures: [bigint, string][] = [];
  for (const row of reader.getRowObjects()) {
    const result = schema.safeParse(row);
    if (result.success) continue;
    const reasons = result.error.issues.map((issue) =>
      issue.path.length > 0 ? `\`${String(issue.path[0])}\`: ${issue.message}` : issue.message,
    );
    failures.push([row._line as bigint, reasons.join('; ')]);
  }
  if (failures.length === 0) return;

  await connection.run(
    'create or replace temp table rule_failures (_line bigint, _reason varchar)',
  );
  const appender = await connection.createAppender('rule_failures', 'main', 'temp');
  for (const [line, reason] of failures) {
    appender.appendBigInt(line);
    appender.appendVarchar(reason);
    appender.endRow();
  }
  appender.closeSync();
  await connection.run(`
    update checked set _reason = rule_failures._reason
    from rule_failures where checked._line = rule_failures._line`);
}
