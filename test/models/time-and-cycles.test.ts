import { afterEach, expect, test } from 'vitest';
import { impression } from '../helpers/events.js';
import { Scenario } from '../helpers/scenario.js';

let scenario: Scenario;
afterEach(() => scenario.close());

const adShare = { task_type: 'ad_share', commission_rate_pct: '100' };

test('R1: 23:59:59 on the 10th and 00:00:01 on the 11th land in different cycles, whatever the offset', async () => {
  scenario = await Scenario.standard();
  scenario.task(adShare).video({ published_at: '2025-04-02T10:00:00+08:00' });
  scenario.video({ video_id: 'v2', published_at: '2025-04-02T10:00:00+08:00' });
  scenario.add(
    'ad_impressions',
    impression('i1', '2025-04-10T15:59:59Z', '1.00'),
    impression('i2', '2025-04-10T16:00:01Z', '2.00'),
    impression('i3', '2025-04-10T10:59:59-05:00', '3.00', 'v2'),
    impression('i4', '2025-04-11T00:00:01+08:00', '4.00', 'v2'),
  );
  await scenario.load();
  expect(
    await scenario.rows(
      'select video_id, accrual_date, cycle_id, amount from earning_lines order by all',
    ),
  ).toEqual([
    { video_id: 'v1', accrual_date: '2025-04-10', cycle_id: '2025-04-A', amount: '1.00' },
    { video_id: 'v1', accrual_date: '2025-04-11', cycle_id: '2025-04-B', amount: '2.00' },
    { video_id: 'v2', accrual_date: '2025-04-10', cycle_id: '2025-04-A', amount: '3.00' },
    { video_id: 'v2', accrual_date: '2025-04-11', cycle_id: '2025-04-B', amount: '4.00' },
  ]);
});

test('R1: local dates do not depend on the session time zone', async () => {
  scenario = await Scenario.standard();
  await scenario.db.connection.run(`set TimeZone = 'America/New_York'`);
  expect(await scenario.rows(`select cst_date(timestamptz '2025-04-10 16:30:00+00') as d`)).toEqual(
    [{ d: '2025-04-11' }],
  );
});

test.each([
  ['2025-04-26', '2025-05-A', '2025-05-16'],
  ['2025-12-20', '2025-12-B', '2026-01-01'],
  ['2025-12-26', '2026-01-A', '2026-01-16'],
  ['2025-04-10', '2025-04-A', '2025-04-16'],
  ['2025-04-11', '2025-04-B', '2025-05-01'],
  ['2025-04-25', '2025-04-B', '2025-05-01'],
  ['2025-01-31', '2025-02-A', '2025-02-16'],
  ['2024-02-29', '2024-03-A', '2024-03-16'],
])('R2: accrual date %s is in cycle %s, paid on %s', async (date, cycle, payDate) => {
  scenario = await Scenario.create();
  const [row] = await scenario.rows(
    `select cycle_of(date '${date}') as cycle, cycle_pay_date(cycle_of(date '${date}')) as pay_date,
        cycle_first_date(cycle_of(date '${date}')) <= date '${date}'
            and date '${date}' <= cycle_last_date(cycle_of(date '${date}')) as inside`,
  );
  expect(row).toEqual({ cycle, pay_date: payDate, inside: true });
});

test('R2: cycles follow one another without gaps', async () => {
  scenario = await Scenario.create();
  expect(
    await scenario.rows(
      `select next_cycle('2025-12-B') as a, next_cycle('2025-04-A') as b,
          cycle_first_date(next_cycle('2025-12-B')) - cycle_last_date('2025-12-B') as gap`,
    ),
  ).toEqual([{ a: '2026-01-A', b: '2025-04-B', gap: 1 }]);
});

test('R2: an earning accrued on 2025-04-26 is paid in 2025-05-A on 2025-05-16', async () => {
  scenario = await Scenario.standard();
  scenario.task(adShare).video();
  scenario.add('ad_impressions', impression('i1', '2025-04-26T12:00:00+08:00', '5.00'));
  await scenario.load();
  const lines = await scenario.payout('2025-05-A');
  expect(lines).toEqual([
    expect.objectContaining({
      batch_cycle_id: '2025-05-A',
      pay_date: '2025-05-16',
      gross: '5.00',
      net: '4.50',
    }),
  ]);
});
