import { openWarehouse, resolveDbPath } from '../../db/connection.js';
import { ensureSchema } from '../../db/schema.js';
import { build } from '../../models/build.js';
import { UserError } from '../../util/errors.js';
import { parseCommand } from '../args.js';
import type { Command } from '../command.js';

export const buildCommand: Command = {
  name: 'build',
  summary: 'run the SQL models over what is loaded',
  usage: `xinghuo build [--db PATH] [--log-format text|json]

Runs every model of models/ (staging, intermediate, marts) in dependency order, each
in its own transaction, and then the audits of models/audits; a failing audit fails
the build (exit 1) naming the audit and its first offending row.`,
  async run(argv, context) {
    const { values, positionals } = parseCommand('build', argv, {});
    if (positionals.length > 0) throw new UserError('build: takes no arguments');
    const warehouse = await openWarehouse(resolveDbPath(values.db));
    try {
      await ensureSchema(warehouse.connection);
      const buildId = await build(warehouse.connection, context.report);
      context.report({ type: 'info', message: `build ${buildId} finished` });
      return 0;
    } finally {
      warehouse.close();
    }
  },
};
