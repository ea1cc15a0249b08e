import { existsSync } from 'node:fs';
import { openWarehouse, resolveDbPath } from '../../db/connection.js';
import { sqlString } from '../../contracts/fields.js';
import { toPlain, type PlainValue } from '../../db/values.js';
import { UserError } from '../../util/errors.js';
import { csvField } from '../../ingest/readers/row-source.js';
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

function render(format: 'table' | 'csv' | 'json', names: string[], rows: PlainValue[][]): string {
  if (format === 'json') {
    return (
      rows
        .map((row) => JSON.stringify(Object.fromEntries(names.map((n, i) => [n, row[i]]))))
        .join('\n') + (rows.length ? '\n' : '')
    );
  }
  const text = rows.map((row) => row.map(cellText));
  if (format === 'csv') {
    return [names, ...text].map((row) => row.map(csvField).join(',')).join('\n') + '\n';
  }
  return table(names, text);
}

function cellText(value: PlainValue): string {
  if (value === null) return '';
  if (Array.isArray(value)) return `[${value.map(cellText).join(', ')}]`;
  return String(value);
}

function table(names: string[], rows: string[][]): string {
  const clip = (text: string) =>
    (text.length > 80 ? `${text.slice(0, 79)}…` : text).replace(/\s/g, ' ');
  const cells = [names, ...rows].map((row) => row.map(clip));
  const widths = names.map((_, i) => Math.max(...cells.map((row) => [...row[i]!].length)));
  const line = (row: string[]) =>
    row
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join(' | ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('-+-');
  const count = `(${rows.length} ${rows.length === 1 ? 'row' : 'rows'})`;
  return [line(cells[0]!), rule, ...cells.slice(1).map(line), count].join('\n') + '\n';
}
