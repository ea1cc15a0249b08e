import { openWarehouse, resolveDbPath } from '../../db/connection.js';
import { explainPayoutRow } from '../../payouts/explain.js';
import { UserError } from '../../util/errors.js';
import { parseCommand } from '../args.js';
import type { Command } from '../command.js';
import { render } from '../render.js';

export const explainCommand: Command = {
  name: 'explain',
  summary: 'trace a payout row back to its earning lines and source events',
  usage: `xinghuo explain CYCLE --creator ID --task ID [--origin CYCLE] [--db PATH]

Prints the rows of batch CYCLE for that creator and task (as written, or as they would
be written now), the earning lines behind them and each line's source events with the
file and line they were loaded from.`,
  async run(argv, context) {
    const { values, positionals } = parseCommand('explain', argv, {
      creator: { type: 'string' },
      task: { type: 'string' },
      origin: { type: 'string' },
    });
    if (positionals.length !== 1) throw new UserError('explain: name exactly one batch cycle');
    if (!values.creator || !values.task)
      throw new UserError('explain: --creator ID and --task ID are required');

    const warehouse = await openWarehouse(resolveDbPath(values.db), { readOnly: true });
    try {
      const sections = await explainPayoutRow(warehouse.connection, {
        cycle: positionals[0]!,
        creatorId: values.creator,
        taskId: values.task,
        ...(values.origin ? { originCycle: values.origin } : {}),
      });
      for (const { title, names, rows } of sections) {
        context.stdout.write(`\n${title}\n${render('table', names, rows)}`);
      }
      return 0;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (/does not exist/.test(message))
        throw new UserError('explain: the warehouse is not built yet; run `xinghuo build`');
      throw error;
    } finally {
      warehouse.close();
    }
  },
};
