import { afterEach, expect, test } from 'vitest';
import { impression, payment, refund, settlement } from '../helpers/events.js';
import { Scenario } from '../helpers/scenario.js';

let scenario: Scenario;
afterEach(() => scenario.close());

test('R12, R14: ad revenue keeps six decimals and is rounded once per video, date and source', async () => {
  scenario = await Scenario.standard();
  scenario.task({ task_type: 'ad_share', commission_rate_pct: '100' }).video();
  scenario.add(
    'ad_impressions',
    impression('i1', '2025-04-03T10:00:00+08:00', '0.004'),
    impression('i2', '2025-04-03T11:00:00+08:00', '0.000999'),
    impression('i3', '2025-04-03T12:00:00+08:00', '0.000001'),
  );
  await scenario.load();
  expect(await scenario.rows('select events, basis, amount from earning_lines')).toEqual([
    { events: 3, basis: '0.005000', amount: '0.01' },
  ]);
});

test('R14: rounding is half away from zero at the fen', async () => {
  scenario = await Scenario.standard();
  scenario.task({ task_type: 'ad_share', commission_rate_pct: '70' }).video();
  scenario.add('ad_impressions', impression('i1', '2025-04-03T10:00:00+08:00', '0.05'));
  await scenario.load();
  expect(await scenario.rows('select amount from earning_lines')).toEqual([{ amount: '0.04' }]);
});

test('R13, R14: refunds before settlement reduce it, never below zero; after it they change nothing', async () => {
  scenario = await Scenario.standard();
  scenario.task({ commission_rate_pct: '10' }).video();
  scenario.add(
    'payments',
    payment('p1', '2025-04-03T10:00:00+08:00', '100.00'),
    payment('p2', '2025-04-03T10:00:00+08:00', '50.00'),
    payment('p3', '2025-04-03T10:00:00+08:00', '70.00'),
  );
  scenario.add(
    'refunds',
    refund('r1', 'p1', '2025-04-05T10:00:00+08:00', '30.00'),
    refund('r2', 'p1', '2025-04-09T10:00:00+08:00', '20.00'),
    refund('r3', 'p2', '2025-04-04T10:00:00+08:00', '60.00'),
  );
  scenario.add(
    'settlements',
    settlement('p1', '2025-04-05T10:00:00+08:00'),
    settlement('p2', '2025-04-05T10:00:00+08:00'),
  );
  await scenario.load();
  expect(
    await scenario.rows(
      'select payment_id, settlement_amount from int_payment_settlements order by 1',
    ),
  ).toEqual([
    { payment_id: 'p1', settlement_amount: '70.00' },
    { payment_id: 'p2', settlement_amount: '0.00' },
    { payment_id: 'p3', settlement_amount: null },
  ]);
  expect(
    await scenario.rows('select accrual_date, events, basis, amount from earning_lines'),
  ).toEqual([{ accrual_date: '2025-04-05', events: 2, basis: '70.000000', amount: '7.00' }]);
  const [income] = await scenario.income('mp1', '2025-04-01', '2025-04-30');
  expect(income).toMatchObject({
    settlement: '70.00',
    refunds_after_settlement: '20.00',
    creator_commission: '7.00',
  });
  expect(await scenario.rows(`select reason from unattributed_events`)).toEqual([
    { reason: 'payment_not_settled' },
  ]);
});

test('R15: the floor is paid once per qualifying video, the local day after publication, on top of the share', async () => {
  scenario = await Scenario.standard();
  scenario.task({
    task_type: 'ad_share',
    commission_rate_pct: '100',
    floor_price: '5.50',
    ends_at: '2025-04-03T00:00:00+08:00',
  });
  scenario.video({ published_at: '2025-04-02T15:30:00Z' });
  scenario.add('ad_impressions', impression('i1', '2025-04-02T23:40:00+08:00', '1.00'));
  await scenario.load();
  expect(
    await scenario.rows('select accrual_date, source, amount from earning_lines order by all'),
  ).toEqual([
    { accrual_date: '2025-04-02', source: 'ad_share', amount: '1.00' },
    { accrual_date: '2025-04-03', source: 'floor', amount: '5.50' },
  ]);
});

test("R16: the service fee is 10 % of each row's gross, rounded half away from zero", async () => {
  scenario = await Scenario.standard();
  scenario.task({ task_type: 'ad_share', commission_rate_pct: '100' }).video();
  scenario.add('ad_impressions', impression('i1', '2025-04-03T10:00:00+08:00', '0.05'));
  await scenario.load();
  expect(await scenario.payout('2025-04-A')).toEqual([
    expect.objectContaining({ gross: '0.05', service_fee: '0.01', net: '0.04' }),
  ]);
});

test('R17: ad-share developer net is ad revenue less commission; lead tasks only pay', async () => {
  scenario = await Scenario.standard();
  scenario.task({ task_type: 'ad_share', commission_rate_pct: '80', floor_price: '1' }).video();
  scenario.add('ad_impressions', impression('i1', '2025-04-03T10:00:00+08:00', '10.005'));
  await scenario.load();
  expect(await scenario.income('mp1', '2025-04-01', '2025-04-30')).toEqual([
    expect.objectContaining({
      date: '2025-04-03',
      ad_revenue: '10.01',
      creator_commission: '9.00',
      developer_net: '1.01',
    }),
  ]);
});
