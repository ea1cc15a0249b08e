import { openWarehouse, resolveDbPath } from '../../db/connection.js';
import { ensureSchema } from '../../db/schema.js';
import { liabilityStatement, reconcileBatches } from '../../payouts/reconcile.js';
import { UserError } from '../../util/errors.js';
import { parseCommand } from '../args.js';
import type { Command } from '../command.js';

const CYCLE = /^\d{4}-(0[1-9]|1[0-2])-[AB]$/;

export const reconcileCommand: Command = {
  name: 'reconcile',
  summary: 'prove that written payout batches reconcile (R28)',
  usage: `xinghuo reconcile [--from CYCLE] [--to CYCLE] [--db PATH]

Checks every written batch from FROM to TO (default: all): gross = fee + net on every
line; each payee's sums, set-off and carried balance; the batch totals; that the stored
rows still reproduce the files' checksums. Then prints the liability statement over the
range: opening + accrued − paid − withheld − void = closing (held and payable unpaid),
and that the commission charged to developers equals what creators are owed. Exits 1
naming the first mismatch.`,
  async run(argv, context) {
    const { values, positionals } = parseCommand('reconcile', argv, {
      from: { type: 'string' },
      to: { type: 'string' },
    });
    if (positionals.length > 0)
      throw new UserError('reconcile: takes no arguments; use --from and --to');
    for (const flag of ['from', 'to'] as const) {
      const value = values[flag];
      if (value !== undefined && !CYCLE.test(value)) {
        throw new UserError(
          `reconcile: --${flag} \`${value}\` is not a cycle YYYY-MM-A or YYYY-MM-B`,
        );
      }
    }

    const warehouse = await openWarehouse(resolveDbPath(values.db));
    try {
      await ensureSchema(warehouse.connection);
      const { batches, mismatches } = await reconcileBatches(warehouse.connection, values);
      if (batches.length === 0)
        throw new UserError('reconcile: no batch has been written in that range');
      const out = context.stdout;
      out.write(`batches ${batches[0]}..${batches.at(-1)}: ${batches.length} checked\n`);
      const { figures, balances } = await liabilityStatement(
        warehouse.connection,
        batches[0]!,
        batches.at(-1)!,
      );
      const width = Math.max(...figures.map((f) => f.figure.length));
      for (const { figure, amount } of figures)
        out.write(`  ${figure.padEnd(width)}  ${amount.padStart(14)}\n`);
      if (mismatches.length > 0) {
        const [first] = mismatches;
        throw new UserError(
          `reconcile: batch ${first!.batch} fails "${first!.check}": ${first!.detail}` +
            (mismatches.length > 1 ? ` (and ${mismatches.length - 1} more)` : ''),
        );
      }
      if (!balances) throw new UserError('reconcile: the liability statement does not balance');
      out.write('reconciled: every check passed\n');
      return 0;
    } finally {
      warehouse.close();
    }
  },
};
