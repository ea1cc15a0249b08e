import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { generateDemo } from '../../fixtures/generate.js';
import { openWarehouse, resolveDbPath } from '../db/connection.js';
import { ensureSchema } from '../db/schema.js';
import { ingest } from '../ingest/ingest.js';
import { createReporter } from './reporter.js';

/**
 * `npm start`: the whole pipeline on the bundled demo data. Generates the demo files
 * if absent (deterministically), loads them and then the late files into the embedded
 * warehouse, and says where everything is. Running it again changes nothing.
 */
async function demo(): Promise<number> {
  const demoDir = 'fixtures/demo';
  const report = createReporter('text');
  if (!existsSync(demoDir)) {
    const { files } = await generateDemo(demoDir);
    report({ type: 'info', message: `generated ${files.length} demo files in ${demoDir}/` });
  }

  const dbPath = resolveDbPath(undefined);
  const warehouse = await openWarehouse(dbPath);
  try {
    await ensureSchema(warehouse.connection);
    const outcomes = await ingest(warehouse.connection, [demoDir, join(demoDir, 'late')], report);
    const summary = await warehouse.connection.runAndReadAll(`
      select count(*) as files, sum(rows_loaded) as loaded, sum(rows_rejected) as rejected from loads`);
    const [files, loaded, rejected] = summary.getRows()[0]!.map(Number);
    const failed = outcomes.filter((outcome) => outcome.status === 'failed').length;
    process.stdout.write(
      [
        '',
        `warehouse: ${dbPath} (${files} files, ${loaded} rows loaded, ${rejected} rows rejected)`,
        `rejected rows:  npm run xinghuo -- query "select * from rejected_rows"`,
        `loads:          npm run xinghuo -- query "select * from loads"`,
        failed > 0 ? `${failed} files could not be loaded; see the errors above` : '',
      ]
        .filter((line) => line !== '')
        .join('\n') + '\n',
    );
    return failed > 0 ? 1 : 0;
  } finally {
    warehouse.close();
  }
}

process.exitCode = await demo();
