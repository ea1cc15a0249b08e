import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { publishSnapshot, SNAPSHOT } from '../../pipelines/reports/publish.js';
import { impression } from '../helpers/events.js';
import { Scenario } from '../helpers/scenario.js';

let scenario: Scenario;
afterEach(() => scenario.close());

test("the dashboards' snapshot is one Parquet file per relation, readable by any DuckDB", async () => {
  scenario = await Scenario.standard();
  scenario.task({ task_type: 'ad_share', commission_rate_pct: '100' }).video();
  scenario.add('ad_impressions', impression('i1', '2025-04-03T10:00:00+08:00', '1.50'));
  await scenario.load();
  await scenario.payout('2025-04-A');
  const dir = join(scenario.db.dir, 'snapshot');
  const files = await publishSnapshot(scenario.db.connection, dir);
  expect(files).toHaveLength(Object.keys(SNAPSHOT).length);
  expect(
    await scenario.rows(
      `select task_id, status, creator_commission from '${dir}/task_overview.parquet'`,
    ),
  ).toEqual([{ task_id: 't1', status: 'live', creator_commission: '1.50' }]);
  expect(
    await scenario.rows(`select cycle_id, paid_total from '${dir}/payout_batches.parquet'`),
  ).toEqual([{ cycle_id: '2025-04-A', paid_total: '1.35' }]);
});
