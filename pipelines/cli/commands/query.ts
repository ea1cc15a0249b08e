import { existsSync } from 'node:fs';
import { openWarehouse, resolveDbPath } from '../../db/connection.js';
import { sqlString } from '../../contracts/fields.js';
import { toPlain } from '../../db/values.js';
import { render } from '../render.js';
import { UserError } from '../../util/errors.js';
import { oneOf, parseCommand } from '../args.js';
import type { Command } from '../command.js';

const FORMATS = ['table', 'csv', 'json', 'parquet'] as const;

export const queryCommand: Command = {
  name: 'query',
  summary: 'run one read-only SQL query against the warehouse',
  usage: `xinghuo query SQL [--format table|csv|json|parquet] [--out FILE] [--db PATH]

Opens the warehouse read-only and runs SQL. table (default) and csv print to stdout;
json prints one JSON object per row (JSON Lines), money as exact strings; parquet
writes FILE (required with --out) for other tools. Instants print in China Standard
Time (+08:00).`,
  async run(argv, context) {
    const { values, positionals } = parseCommand('query', argv, {
      format: { type: 'string' },
      out: { type: 'string' },
    });
    if (positionals.length !== 1)
      throw new UserError('query: give exactly one SQL statement, quoted');
    const format = oneOf('format', values.format, FORMATS, 'table');
    if (format === 'parquet' && !values.out)
      throw new UserError('query: --format parquet needs --out FILE');

    const path = resolveDbPath(values.db);
    if (path !== ':memory:' && !existsSync(path)) {
      throw new UserError(`query: no warehouse at \`${path}\`; run \`xinghuo ingest\` first`);
    }
    const warehouse = await openWarehouse(path, { readOnly: true });
    try {
      const sql = positionals[0]!.trim().replace(/;\s*$/, '');
      if (format === 'parquet') {
        await run(() =>
          warehouse.connection.run(`copy (${sql}) to ${sqlString(values.out!)} (format parquet)`),
        );
        context.report({ type: 'info', message: `wrote ${values.out}` });
        return 0;
      }
      const reader = await run(() => warehouse.connection.runAndReadAll(sql));
      const names = reader.columnNames();
      const rows = reader.getRows().map((row) => row.map(toPlain));
      context.stdout.write(render(format, names, rows));
      return 0;
    } finally {
      warehouse.close();
    }
  },
};

async function run<T>(action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new UserError(`query failed: ${message.split('\n')[0]}`);
  }
}
