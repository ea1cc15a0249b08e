import { openWarehouse, resolveDbPath } from '../../db/connection.js';
import { ensureSchema } from '../../db/schema.js';
import { writeIncome } from '../../income/income.js';
import { UserError } from '../../util/errors.js';
import { parseCommand } from '../args.js';
import type { Command } from '../command.js';

export const incomeCommand: Command = {
  name: 'income',
  summary: "write a mini-program's income detail",
  usage: `xinghuo income MINI_PROGRAM --from DATE --to DATE --out DIR [--db PATH]

Writes DIR/income_MINI_PROGRAM_FROM_TO.csv and .xlsx: one row per local date and task
with any activity, FROM and TO inclusive (R17). Builds first if anything changed.`,
  async run(argv, context) {
    const { values, positionals } = parseCommand('income', argv, {
      from: { type: 'string' },
      to: { type: 'string' },
      out: { type: 'string' },
    });
    if (positionals.length !== 1) throw new UserError('income: name exactly one mini-program id');
    if (!values.out) throw new UserError('income: --out DIR is required');

    const warehouse = await openWarehouse(resolveDbPath(values.db));
    try {
      await ensureSchema(warehouse.connection);
      const range = { from: values.from, to: values.to };
      const result = await writeIncome(
        warehouse.connection,
        positionals[0]!,
        range,
        values.out,
        context.report,
      );
      context.report({
        type: 'info',
        message: `wrote ${result.rows} rows: ${result.csvPath}, ${result.xlsxPath}`,
      });
      return 0;
    } finally {
      warehouse.close();
    }
  },
};
