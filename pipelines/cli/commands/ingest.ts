import { openWarehouse, resolveDbPath } from '../../db/connection.js';
import { ensureSchema } from '../../db/schema.js';
import { ingest } from '../../ingest/ingest.js';
import { UserError } from '../../util/errors.js';
import { parseCommand } from '../args.js';
import type { Command } from '../command.js';

export const ingestCommand: Command = {
  name: 'ingest',
  summary: 'load input files or folders into the warehouse',
  usage: `xinghuo ingest PATH... [--db PATH] [--log-format text|json]

Loads each file (a folder: its files, in byte-wise order of their names). Every file
is loaded whole in one transaction or not at all; a file already loaded (same sha256)
is skipped. Prints per file the rows read, loaded, skipped and rejected; rejected rows
are kept in the relation \`rejected_rows\`. Exits 1 when any file could not be read.`,
  async run(argv, context) {
    const { values, positionals } = parseCommand('ingest', argv, {});
    if (positionals.length === 0) throw new UserError('ingest: name at least one file or folder');

    const warehouse = await openWarehouse(resolveDbPath(values.db));
    try {
      await ensureSchema(warehouse.connection);
      const outcomes = await ingest(warehouse.connection, positionals, context.report);
      if (outcomes.length === 0)
        throw new UserError(`ingest: no files found in ${positionals.join(', ')}`);
      return outcomes.some((outcome) => outcome.status === 'failed') ? 1 : 0;
    } finally {
      warehouse.close();
    }
  },
};
