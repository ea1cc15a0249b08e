import { afterEach, expect, test } from 'vitest';
import { impression, payment, recharge, settlement } from '../helpers/events.js';
import { Scenario } from '../helpers/scenario.js';

let scenario: Scenario;
afterEach(() => scenario.close());

const adShare = { task_type: 'ad_share', commission_rate_pct: '100' };
const pick = (rows: Record<string, string>[], ...keys: string[]) =>
  rows.map((row) => Object.fromEntries(keys.map((key) => [key, row[key]])));

test('R18: an MCN creator is paid through its organisation, and the batch still shows the creator', async () => {
  scenario = await Scenario.standard();
  scenario.add('creators', {
    creator_id: 'c2',
    kind: 'mcn',
    org_id: 'org9',
    followers: '10',
    tags: '',
  });
  scenario.task(adShare).video({ video_id: 'v2', creator_id: 'c2' });
  scenario.add('ad_impressions', impression('i1', '2025-04-03T10:00:00+08:00', '2.00', 'v2'));
  await scenario.load();
  const lines = await scenario.payout('2025-04-A');
  expect(pick(lines, 'payee_kind', 'payee_id', 'creator_id', 'net')).toEqual([
    { payee_kind: 'org', payee_id: 'org9', creator_id: 'c2', net: '1.80' },
  ]);
});

test('R19, R27: a pending video is held in its cycle and payable, as an earlier origin, once passed', async () => {
  scenario = await Scenario.standard();
  scenario.task(adShare).video({ audit_status: 'pending', audited_at: '' });
  scenario.add('ad_impressions', impression('i1', '2025-04-03T10:00:00+08:00', '3.00'));
  await scenario.load();
  expect(pick(await scenario.payout('2025-04-A'), 'origin_cycle_id', 'status', 'gross')).toEqual([
    { origin_cycle_id: '2025-04-A', status: 'held', gross: '3.00' },
  ]);

  scenario.video({ audit_status: 'passed', audited_at: '2025-04-20T10:00:00+08:00' });
  await scenario.load();
  expect(
    pick(
      await scenario.payout('2025-04-B'),
      'batch_cycle_id',
      'origin_cycle_id',
      'status',
      'gross',
    ),
  ).toEqual([
    { batch_cycle_id: '2025-04-B', origin_cycle_id: '2025-04-A', status: 'payable', gross: '3.00' },
  ]);
});

test("R19: a video passed only after its cycle's last day is held there and payable in the later batch", async () => {
  scenario = await Scenario.standard();
  scenario.task(adShare).video({ audited_at: '2025-04-11T00:00:00+08:00' });
  scenario.add('ad_impressions', impression('i1', '2025-04-03T10:00:00+08:00', '3.00'));
  await scenario.load();
  expect(pick(await scenario.payout('2025-04-A'), 'status')).toEqual([{ status: 'held' }]);
  expect(pick(await scenario.payout('2025-04-B'), 'origin_cycle_id', 'status')).toEqual([
    { origin_cycle_id: '2025-04-A', status: 'payable' },
  ]);
});

test("R19, R17: a rejected video's lines are void: nobody is paid and the developer is not charged", async () => {
  scenario = await Scenario.standard();
  scenario.task().video({ audit_status: 'rejected', audited_at: '2025-04-04T10:00:00+08:00' });
  scenario.add('payments', payment('p1', '2025-04-03T10:00:00+08:00', '100.00'));
  scenario.add('settlements', settlement('p1', '2025-04-05T10:00:00+08:00'));
  await scenario.load();
  expect(pick(await scenario.payout('2025-04-A'), 'status', 'gross', 'net')).toEqual([
    { status: 'rejected', gross: '20.00', net: '18.00' },
  ]);
  expect(
    pick(
      await scenario.income('mp1', '2025-04-05', '2025-04-05'),
      'creator_commission',
      'developer_net',
    ),
  ).toEqual([{ creator_commission: '0.00', developer_net: '98.00' }]);
});

test("R20: a violation withholds the creator's earnings of that cycle only; the developer is not charged", async () => {
  scenario = await Scenario.standard();
  scenario.task(adShare).video();
  scenario.add(
    'ad_impressions',
    impression('i1', '2025-04-03T10:00:00+08:00', '3.00'),
    impression('i2', '2025-04-12T10:00:00+08:00', '4.00'),
  );
  scenario.add('violations', {
    creator_id: 'c1',
    cycle_id: '2025-04-A',
    reason: 'fake clicks',
    recorded_at: '2025-04-09T10:00:00+08:00',
  });
  await scenario.load();
  expect(pick(await scenario.payout('2025-04-A'), 'status', 'gross')).toEqual([
    { status: 'withheld', gross: '3.00' },
  ]);
  expect(pick(await scenario.payout('2025-04-B'), 'status', 'gross')).toEqual([
    { status: 'payable', gross: '4.00' },
  ]);
  expect(
    pick(await scenario.income('mp1', '2025-04-01', '2025-04-30'), 'date', 'creator_commission'),
  ).toEqual([
    { date: '2025-04-03', creator_commission: '0.00' },
    { date: '2025-04-12', creator_commission: '4.00' },
  ]);
});

test('R21, R22: a funded task pays lines up to its budget; the rest is cut and shown as an exception', async () => {
  scenario = await Scenario.standard();
  scenario.add('account_movements', recharge('m1', '100'));
  scenario.task({ commission_rate_pct: '50', budget: '30' }).video();
  scenario.add(
    'payments',
    payment('p1', '2025-04-03T10:00:00+08:00', '40.00'),
    payment('p2', '2025-04-03T10:00:00+08:00', '40.00'),
  );
  scenario.add(
    'settlements',
    settlement('p1', '2025-04-04T10:00:00+08:00'),
    settlement('p2', '2025-04-05T10:00:00+08:00'),
  );
  await scenario.load();
  expect(
    await scenario.rows(
      'select accrual_date, amount, amount_computed, cut_by_budget from earning_lines order by 1',
    ),
  ).toEqual([
    { accrual_date: '2025-04-04', amount: '20.00', amount_computed: '20.00', cut_by_budget: false },
    { accrual_date: '2025-04-05', amount: '10.00', amount_computed: '20.00', cut_by_budget: true },
  ]);
  expect(
    await scenario.rows(
      `select date, budget_remaining from task_daily_performance
       where date >= date '2025-04-04' order by 1`,
    ),
  ).toEqual([
    { date: '2025-04-04', budget_remaining: '10.00' },
    { date: '2025-04-05', budget_remaining: '0.00' },
  ]);
  expect(pick(await scenario.payout('2025-04-A'), 'gross')).toEqual([{ gross: '30.00' }]);
  expect(
    await scenario.rows(`select kind, amount, amount_cut from payout_batch_exceptions`),
  ).toEqual([{ kind: 'budget_exhausted', amount: '10.00', amount_cut: '10.00' }]);
});

test('R21: a funded task beyond the available balance never goes live; its events are reported', async () => {
  scenario = await Scenario.standard();
  scenario.add('account_movements', recharge('m1', '100'));
  scenario.task({ commission_rate_pct: '50', budget: '101' }).video();
  scenario.add('payments', payment('p1', '2025-04-03T10:00:00+08:00', '40.00'));
  scenario.add('settlements', settlement('p1', '2025-04-04T10:00:00+08:00'));
  await scenario.load();
  expect(await scenario.rows('select count(*) as n from earning_lines')).toEqual([{ n: 0 }]);
  expect(await scenario.rows('select event_id, reason from unattributed_events')).toEqual([
    { event_id: 'p1', reason: 'task_rejected_insufficient_balance' },
  ]);
});
