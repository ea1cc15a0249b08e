import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { build, loadModels, needsBuild, orderModels } from '../../pipelines/models/build.js';
import { payout } from '../../pipelines/payouts/payout.js';
import { TestWarehouse } from '../helpers/warehouse.js';

let db: TestWarehouse | undefined;
afterEach(() => db?.close());

test('every model comes after the relations it reads', () => {
  const ordered = orderModels(loadModels());
  const position = new Map(ordered.map((step, index) => [step.name, index]));
  for (const step of ordered) {
    for (const dep of step.dependsOn)
      expect(position.get(dep)!).toBeLessThan(position.get(step.name)!);
  }
  expect(ordered.find((step) => step.name === 'earning_lines')!.dependsOn).toContain(
    'budget_replay',
  );
});

test('a cycle between models is refused', () => {
  const step = (name: string, dependsOn: string[]) => ({
    name,
    produces: [name],
    dependsOn,
    run: async () => {},
  });
  expect(() => orderModels([step('a', ['b']), step('b', ['a'])])).toThrow(/cycle a → b → a/);
});

test('an empty warehouse builds, passes its audits and writes an empty batch with its header', async () => {
  const warehouse = (db = await TestWarehouse.open());
  expect(await needsBuild(warehouse.connection)).toBe(true);
  await build(warehouse.connection);
  expect(await needsBuild(warehouse.connection)).toBe(false);
  expect(await warehouse.value('select count(*) from earning_lines')).toBe(0);
  const { csvPath } = await payout(warehouse.connection, '2025-04-A', join(warehouse.dir, 'out'));
  expect(readFileSync(csvPath, 'utf8')).toBe(
    'batch_cycle_id,pay_date,payee_kind,payee_id,creator_id,task_id,origin_cycle_id,status,gross,service_fee,net\n',
  );
});
