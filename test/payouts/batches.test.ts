import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, test } from 'vitest';
import { payout } from '../../pipelines/payouts/payout.js';
import { reconcileBatches } from '../../pipelines/payouts/reconcile.js';
import { impression, payment, settlement } from '../helpers/events.js';
import { Scenario } from '../helpers/scenario.js';

let scenario: Scenario;
afterEach(() => scenario.close());

const adShare = { task_type: 'ad_share', commission_rate_pct: '100' };
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const pick = (rows: Record<string, unknown>[], ...keys: string[]) =>
  rows.map((row) => Object.fromEntries(keys.map((key) => [key, row[key]])));

async function files(cycle: string) {
  const out = join(scenario.db.dir, 'out');
  const { csvPath, xlsxPath } = await payout(scenario.db.connection, cycle, out);
  return { csv: sha(csvPath), xlsx: sha(xlsxPath) };
}

test('R27: late data of every kind flows into the next batch as rows of its origin cycle; the closed batch never changes', async () => {
  scenario = await Scenario.standard();
  scenario.add('creators', { creator_id: 'c2', kind: 'natural', followers: '1', tags: '' });
  scenario.add('creators', { creator_id: 'c3', kind: 'natural', followers: '1', tags: '' });
  scenario.task({ task_id: 'ta', ...adShare });
  scenario.task({ task_id: 'tr', commission_rate_pct: '10' });
  scenario.video({ video_id: 'v1', task_id: 'ta', audit_status: 'pending', audited_at: '' });
  scenario.video({ video_id: 'v2', task_id: 'ta', creator_id: 'c2' });
  scenario.video({ video_id: 'v3', task_id: 'tr', creator_id: 'c3' });
  scenario.add(
    'ad_impressions',
    impression('i1', '2025-04-03T10:00:00+08:00', '3.00', 'v1'),
    impression('i2', '2025-04-03T10:00:00+08:00', '7.00', 'v2'),
  );
  scenario.add('payments', payment('p1', '2025-04-03T10:00:00+08:00', '100.00', 'v3'));
  await scenario.load();
  const first = await files('2025-04-A');
  expect(
    pick(
      await scenario.rows('select creator_id, status, gross from payout_batch_lines order by 1'),
      'creator_id',
      'status',
      'gross',
    ),
  ).toEqual([
    { creator_id: 'c1', status: 'held', gross: '3.00' },
    { creator_id: 'c2', status: 'payable', gross: '7.00' },
  ]);

  // late: an audit pass, a settlement dated in the closed cycle, a violation for it
  scenario.video({
    video_id: 'v1',
    task_id: 'ta',
    audit_status: 'passed',
    audited_at: '2025-04-12T10:00:00+08:00',
  });
  scenario.add('settlements', settlement('p1', '2025-04-09T10:00:00+08:00'));
  scenario.add('violations', {
    creator_id: 'c2',
    cycle_id: '2025-04-A',
    reason: 'x',
    recorded_at: '2025-04-20T10:00:00+08:00',
  });
  await scenario.load();
  const next = await scenario.payout('2025-04-B');
  expect(
    pick(next, 'creator_id', 'origin_cycle_id', 'status', 'gross', 'service_fee', 'net'),
  ).toEqual([
    {
      creator_id: 'c1',
      origin_cycle_id: '2025-04-A',
      status: 'payable',
      gross: '3.00',
      service_fee: '0.30',
      net: '2.70',
    },
    {
      creator_id: 'c2',
      origin_cycle_id: '2025-04-A',
      status: 'payable',
      gross: '-7.00',
      service_fee: '-0.70',
      net: '-6.30',
    },
    {
      creator_id: 'c3',
      origin_cycle_id: '2025-04-A',
      status: 'payable',
      gross: '10.00',
      service_fee: '1.00',
      net: '9.00',
    },
  ]);

  expect(await files('2025-04-A')).toEqual(first);
  expect((await reconcileBatches(scenario.db.connection)).mismatches).toEqual([]);
});

test("R27: a clawback larger than the payee's next earnings is carried across two batches", async () => {
  scenario = await Scenario.standard();
  scenario.task(adShare).video();
  scenario.video({ video_id: 'v2', published_at: '2025-04-05T10:00:00+08:00' });
  scenario.add('ad_impressions', impression('i1', '2025-04-03T10:00:00+08:00', '100.00'));
  await scenario.load();
  await scenario.payout('2025-04-A');

  scenario.video({ audit_status: 'rejected', audited_at: '2025-04-12T10:00:00+08:00' });
  scenario.add('ad_impressions', impression('i2', '2025-04-12T10:00:00+08:00', '30.00', 'v2'));
  await scenario.load();
  await scenario.payout('2025-04-B');
  scenario.add('ad_impressions', impression('i3', '2025-04-27T10:00:00+08:00', '50.00', 'v2'));
  await scenario.load();
  await scenario.payout('2025-05-A');
  scenario.add('ad_impressions', impression('i4', '2025-05-12T10:00:00+08:00', '50.00', 'v2'));
  await scenario.load();
  await scenario.payout('2025-05-B');

  expect(
    await scenario.rows(`
      select batch_cycle_id, payable_net, carried_in, paid, carried_out
      from payout_batch_payees order by batch_cycle_id`),
  ).toEqual([
    {
      batch_cycle_id: '2025-04-A',
      payable_net: '90.00',
      carried_in: '0.00',
      paid: '90.00',
      carried_out: '0.00',
    },
    {
      batch_cycle_id: '2025-04-B',
      payable_net: '-63.00',
      carried_in: '0.00',
      paid: '0.00',
      carried_out: '-63.00',
    },
    {
      batch_cycle_id: '2025-05-A',
      payable_net: '45.00',
      carried_in: '-63.00',
      paid: '0.00',
      carried_out: '-18.00',
    },
    {
      batch_cycle_id: '2025-05-B',
      payable_net: '45.00',
      carried_in: '-18.00',
      paid: '27.00',
      carried_out: '0.00',
    },
  ]);
  expect((await reconcileBatches(scenario.db.connection)).mismatches).toEqual([]);
});

test('R28: reconcile fails, naming the row, when a stored line is tampered with', async () => {
  scenario = await Scenario.standard();
  scenario.task(adShare).video();
  scenario.add('ad_impressions', impression('i1', '2025-04-03T10:00:00+08:00', '10.00'));
  await scenario.load();
  await scenario.payout('2025-04-A');
  await scenario.db.connection.run(`update payout_batch_lines set net = 9.01`);
  const { mismatches } = await reconcileBatches(scenario.db.connection);
  expect(mismatches[0]).toEqual({
    check: 'line gross = service fee + net (R16)',
    batch: '2025-04-A',
    detail:
      'payee c1, creator c1, task t1, origin 2025-04-A, payable: gross 10.00, fee 1.00, net 9.01',
  });
  await expect(scenario.payout('2025-04-A')).rejects.toThrow(/no longer matches its checksum/);
});

test('R27: a cycle earlier than the latest closed one is refused', async () => {
  scenario = await Scenario.standard();
  await scenario.load();
  await scenario.payout('2025-04-B');
  await expect(scenario.payout('2025-04-A')).rejects.toThrow(
    /earlier than `2025-04-B`, already closed/,
  );
});

test('two payout commands for the same cycle at once write one batch, the same bytes', async () => {
  scenario = await Scenario.standard();
  scenario.task(adShare).video();
  scenario.add('ad_impressions', impression('i1', '2025-04-03T10:00:00+08:00', '10.00'));
  await scenario.load();
  const db = scenario.db.path;
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const run = (out: string) =>
    new Promise<number>((resolve) => {
      const args = ['pipelines/cli/xinghuo.ts', 'payout', '2025-04-A', '--out', out, '--db', db];
      const child = spawn(join(root, 'node_modules/.bin/tsx'), args, {
        cwd: root,
        stdio: 'ignore',
      });
      child.on('exit', (code) => resolve(code ?? -1));
    });
  const [a, b] = [join(scenario.db.dir, 'a'), join(scenario.db.dir, 'b')];
  const codes = await scenario.db.released(() => Promise.all([run(a), run(b)]));
  expect(codes).toEqual([0, 0]);
  expect(sha(join(a, 'payout_2025-04-A.csv'))).toBe(sha(join(b, 'payout_2025-04-A.csv')));
  expect(sha(join(a, 'payout_2025-04-A.xlsx'))).toBe(sha(join(b, 'payout_2025-04-A.xlsx')));
  expect(await scenario.rows('select count(*) as n from payout_batches')).toEqual([{ n: 1 }]);
});
