import { openWarehouse, resolveDbPath } from '../../db/connection.js';
import { ensureSchema } from '../../db/schema.js';
import { payout } from '../../payouts/payout.js';
import { UserError } from '../../util/errors.js';
import { parseCommand } from '../args.js';
import type { Command } from '../command.js';

export const payoutCommand: Command = {
  name: 'payout',
  summary: 'write the payout batch of a cycle and close it',
  usage: `xinghuo payout CYCLE --out DIR [--db PATH] [--log-format text|json]

Writes DIR/payout_CYCLE.csv and DIR/payout_CYCLE.xlsx (Summary, Lines, Exceptions) for
cycle CYCLE (YYYY-MM-A or YYYY-MM-B, R2). The first time, it builds if anything changed,
stores the batch and closes the cycle (R27); later data for the cycle is carried into
the next batch. Writing a closed cycle again reproduces its files byte for byte.`,
  async run(argv, context) {
    const { values, positionals } = parseCommand('payout', argv, { out: { type: 'string' } });
    if (positionals.length !== 1)
      throw new UserError('payout: name exactly one cycle, e.g. 2025-04-A');
    if (!values.out) throw new UserError('payout: --out DIR is required');

    const warehouse = await openWarehouse(resolveDbPath(values.db));
    try {
      await ensureSchema(warehouse.connection);
      const outcome = await payout(
        warehouse.connection,
        positionals[0]!,
        values.out,
        context.report,
      );
      const verb = outcome.rewritten ? 'rewrote closed' : 'wrote and closed';
      context.report({
        type: 'info',
        message: `${verb} batch ${outcome.cycle}: ${outcome.csvPath}, ${outcome.xlsxPath} (sha256 ${outcome.sha256})`,
      });
      return 0;
    } finally {
      warehouse.close();
    }
  },
};
