import { afterEach, expect, test } from 'vitest';
import { Scenario } from '../helpers/scenario.js';

let scenario: Scenario;
afterEach(() => scenario.close());

/** §4.9.1: paid 1000, refunded 100 before settlement, settled 900. */
async function workedExample(rate: string, funded: boolean) {
  scenario = await Scenario.standard();
  if (funded) {
    scenario.add('account_movements', {
      movement_id: 'm1',
      developer_id: 'dev1',
      kind: 'recharge',
      amount: '10000',
      occurred_at: '2025-03-30T09:00:00+08:00',
    });
  }
  scenario.task({ commission_rate_pct: rate, ...(funded ? { budget: '1000' } : {}) }).video();
  scenario.add('payments', {
    payment_id: 'p1',
    video_id: 'v1',
    mini_program_id: 'mp1',
    paid_at: '2025-04-03T10:00:00+08:00',
    amount: '1000.00',
  });
  scenario.add('refunds', {
    refund_id: 'r1',
    payment_id: 'p1',
    refunded_at: '2025-04-04T10:00:00+08:00',
    amount: '100',
  });
  scenario.add('settlements', { payment_id: 'p1', settled_at: '2025-04-05T10:00:00+08:00' });
  await scenario.load();
}

test('R13, R16, R17: rate 20 %, paid 1000, refunded 100 → developer 702, creator 162 (files to files)', async () => {
  await workedExample('20', false);
  const [income] = await scenario.income('mp1', '2025-04-05', '2025-04-05');
  expect(income).toEqual({
    date: '2025-04-05',
    task_id: 't1',
    task_type: 'revenue_share',
    ad_revenue: '0.00',
    settlement: '900.00',
    refunds_after_settlement: '0.00',
    leads: '0',
    creator_commission: '180.00',
    platform_fee: '18.00',
    developer_net: '702.00',
  });
  const [line] = await scenario.payout('2025-04-A');
  expect(line).toMatchObject({
    payee_id: 'c1',
    status: 'payable',
    gross: '180.00',
    service_fee: '18.00',
    net: '162.00',
  });
});

test('R5, R13, R16, R17: rate 40 % (funded) → commission 360, creator 324, fees 36 and 18, developer 522', async () => {
  await workedExample('40', true);
  const [income] = await scenario.income('mp1', '2025-04-01', '2025-04-30');
  expect(income).toMatchObject({
    settlement: '900.00',
    creator_commission: '360.00',
    platform_fee: '18.00',
    developer_net: '522.00',
  });
  const [line] = await scenario.payout('2025-04-A');
  expect(line).toMatchObject({ gross: '360.00', service_fee: '36.00', net: '324.00' });
});
