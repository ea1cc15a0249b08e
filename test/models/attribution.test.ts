import { afterEach, expect, test } from 'vitest';
import { impression, lead, payment, settlement } from '../helpers/events.js';
import { Scenario } from '../helpers/scenario.js';

let scenario: Scenario;
afterEach(() => scenario.close());

async function reasons() {
  return scenario.rows(`select event_kind, event_id, reason from unattributed_events order by all`);
}

test('R10: an event earns only through a qualifying video of its own mini-program, in its window', async () => {
  scenario = await Scenario.standard();
  scenario.add('mini_programs', {
    mini_program_id: 'mp2',
    developer_id: 'dev1',
    name: 'other',
    industry: '工具',
  });
  scenario.task({
    task_type: 'ad_share',
    commission_rate_pct: '80',
    ends_at: '2025-05-01T00:00:00+08:00',
  });
  scenario.video({ published_at: '2025-04-02T10:00:00+08:00' });
  scenario.add(
    'ad_impressions',
    impression('ok', '2025-04-02T10:00:00+08:00', '1.00'),
    impression('early', '2025-04-02T09:59:59+08:00', '1.00'),
    impression('other_mp', '2025-04-03T10:00:00+08:00', '1.00', 'v1', 'mp2'),
    impression('late', '2025-05-01T00:00:00+08:00', '1.00'),
    impression('no_video', '2025-04-03T10:00:00+08:00', '1.00', 'v404'),
  );
  await scenario.load();
  expect(await reasons()).toEqual([
    { event_kind: 'ad_impression', event_id: 'early', reason: 'before_video_published' },
    { event_kind: 'ad_impression', event_id: 'late', reason: 'after_billing_end' },
    { event_kind: 'ad_impression', event_id: 'no_video', reason: 'video_unknown' },
    { event_kind: 'ad_impression', event_id: 'other_mp', reason: 'mini_program_mismatch' },
  ]);
  expect(await scenario.rows('select amount from earning_lines')).toEqual([{ amount: '0.80' }]);
});

test('R3, R10: an event earns only under a task of its kind', async () => {
  scenario = await Scenario.standard();
  scenario.task().video();
  scenario.add('ad_impressions', impression('i1', '2025-04-03T10:00:00+08:00', '1.00'));
  scenario.add('leads', lead('l1', 'submitted', '2025-04-03T10:00:00+08:00'));
  await scenario.load();
  expect(await reasons()).toEqual([
    { event_kind: 'ad_impression', event_id: 'i1', reason: 'task_type_mismatch' },
    { event_kind: 'lead', event_id: 'l1', reason: 'task_type_mismatch' },
  ]);
});

test('R10, R13: a payment made in the window earns when settled after the billing end', async () => {
  scenario = await Scenario.standard();
  scenario.task({ ends_at: '2025-04-10T00:00:00+08:00' }).video();
  scenario.add('payments', payment('p1', '2025-04-09T23:00:00+08:00', '100.00'));
  scenario.add('payments', payment('p2', '2025-04-10T00:00:00+08:00', '100.00'));
  scenario.add(
    'settlements',
    settlement('p1', '2025-04-20T10:00:00+08:00'),
    settlement('p2', '2025-04-20T10:00:00+08:00'),
  );
  await scenario.load();
  expect(await scenario.rows('select accrual_date, amount from earning_lines')).toEqual([
    { accrual_date: '2025-04-20', amount: '20.00' },
  ]);
  expect(await reasons()).toEqual([
    { event_kind: 'payment', event_id: 'p2', reason: 'after_billing_end' },
  ]);
});

test("R11: a lead counts once, on the task's lead event, dated by that callback", async () => {
  scenario = await Scenario.standard();
  scenario.add('account_movements', {
    movement_id: 'm1',
    developer_id: 'dev1',
    kind: 'recharge',
    amount: '1000',
    occurred_at: '2025-03-30T09:00:00+08:00',
  });
  scenario.task({
    task_type: 'lead',
    commission_rate_pct: '',
    lead_price: '70',
    lead_event: 'activated',
    budget: '500',
  });
  scenario.video();
  scenario.add(
    'leads',
    lead('l1', 'submitted', '2025-04-03T10:00:00+08:00'),
    lead('l1', 'activated', '2025-04-12T10:00:00+08:00'),
    lead('l2', 'submitted', '2025-04-03T11:00:00+08:00'),
  );
  await scenario.load();
  expect(
    await scenario.rows('select accrual_date, source, events, amount from earning_lines'),
  ).toEqual([{ accrual_date: '2025-04-12', source: 'lead', events: 1, amount: '70.00' }]);
  expect(await reasons()).toEqual([
    { event_kind: 'lead', event_id: 'l1', reason: 'not_the_task_lead_event' },
    { event_kind: 'lead', event_id: 'l2', reason: 'not_the_task_lead_event' },
  ]);
});
