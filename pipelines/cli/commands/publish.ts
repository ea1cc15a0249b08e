import { openWarehouse, resolveDbPath } from '../../db/connection.js';
import { ensureSchema } from '../../db/schema.js';
import { build, needsBuild } from '../../models/build.js';
import { publishSnapshot } from '../../reports/publish.js';
import { UserError } from '../../util/errors.js';
import { parseCommand } from '../args.js';
import type { Command } from '../command.js';

export const publishCommand: Command = {
  name: 'publish',
  summary: 'publish the marts the dashboards read as Parquet files',
  usage: `xinghuo publish [--out DIR] [--db PATH]

Builds if anything changed, then writes the dashboards' relations (pre-aggregated marts)
as Parquet files into DIR (default reports/snapshot), replacing the folder whole.`,
  async run(argv, context) {
    const { values, positionals } = parseCommand('publish', argv, { out: { type: 'string' } });
    if (positionals.length > 0) throw new UserError('publish: takes no arguments');
    const warehouse = await openWarehouse(resolveDbPath(values.db));
    try {
      await ensureSchema(warehouse.connection);
      if (await needsBuild(warehouse.connection)) await build(warehouse.connection, context.report);
      const files = await publishSnapshot(warehouse.connection, values.out ?? 'reports/snapshot');
      context.report({
        type: 'info',
        message: `published ${files.length} files to ${values.out ?? 'reports/snapshot'}`,
      });
      return 0;
    } finally {
      warehouse.close();
    }
  },
};
